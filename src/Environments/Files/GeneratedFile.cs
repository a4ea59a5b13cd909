namespace Provisioning.Environments.Files;

/// <summary>One file of the generated output, with its path relative to the output root (e.g. <c>dev/main.bicep</c>).</summary>
public sealed record GeneratedFile(string RelativePath, string Content);
