using System.Text;
using Provisioning.Catalogue;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Generation;

/// <summary>
/// The services section of azure.yaml, rendered from the catalogue: azd deploys no service (the images stage puts
/// every image into the registry without Docker), so the section is a comment saying where each component's image
/// comes from, and a new component appears there without a hand edit. The rest of the file (name, infra, hooks) stays
/// as people wrote it; only the section up to the next top-level key is replaced, so <c>generate</c> keeps it current
/// and <c>generate --check</c> reports it stale.
/// </summary>
public static class AzureYamlServices
{
    public const string FileName = "azure.yaml";

    private const string SectionKey = "services:";

    /// <summary>How the section starts: a comment where the key would be (an earlier azure.yaml may still have the key).</summary>
    private const string CommentedKey = "# services:";

    /// <summary>The azd variable that names where an externally built image comes from, e.g. <c>FRONTEND_SOURCE_IMAGE</c>.</summary>
    public static string SourceImageVariable(ComponentSpec component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.Name.ToUpperInvariant() + "_SOURCE_IMAGE";
    }

    /// <summary>
    /// The section, <c>services:</c> line included, with a trailing newline. azd deploys no service itself: its
    /// <c>containerapp</c> host needs a Docker engine to move a prebuilt image and builds locally unless told otherwise,
    /// and its deploy would change the apps after the migration's stage order decided when they change. So the images
    /// stage of <c>deploy</c> puts every image into the registry (listed here, from the catalogue) and main.bicep runs them.
    /// </summary>
    public static string Render(SystemDescription system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var text = new StringBuilder();
        // No services key at all: azd's schema wants at least one service under it, and azd runs without one.
        text.Append(CommentedKey).Append(" none, so no step needs a Docker engine: the images stage of `deploy` (run by the preprovision\n");
        text.Append("  # hook) puts each image into the environment's registry, and main.bicep runs it. Written by\n");
        text.Append("  # `dotnet run --project src/Cli` from src/Catalogue/TodoSystem.cs (edit there, not here):\n");
        var width = system.Components.Max(c => c.Name.Length);
        foreach (var component in system.Components)
        {
            text.Append("  #   ").Append(component.Name.PadRight(width)).Append("  ");
            text.Append(component.Build is { } build
                ? $"built by ACR Tasks (az acr build) from {build.Project}/{build.Dockerfile.TrimStart('.', '/')}"
                : $"copied with az acr import from ${{{SourceImageVariable(component)}}} (azd env set {SourceImageVariable(component)} <registry>/<repository>:<tag>)");
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// <paramref name="azureYaml"/> with its services section replaced by <see cref="Render"/>; the section must exist
    /// as a top-level key (a file without one is not the repository's azure.yaml, and is refused rather than guessed at).
    /// </summary>
    /// <exception cref="ConfigurationException">The file has no services section.</exception>
    public static string Apply(string azureYaml, SystemDescription system)
    {
        ArgumentNullException.ThrowIfNull(azureYaml);
        var lines = azureYaml.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith(SectionKey, StringComparison.Ordinal) || l.StartsWith(CommentedKey, StringComparison.Ordinal));
        if (start < 0)
        {
            throw new ConfigurationException([new ConfigurationProblem(FileName, "$.services",
                $"{FileName} has no top-level '{SectionKey}' section to write the components' services into.",
                $"add the line '{SectionKey}' and run the generator again.")]);
        }
        var end = start + 1;
        // The section ends at the next top-level key: a line that starts with neither a space nor a comment.
        while (end < lines.Length && (lines[end].Length == 0 || lines[end][0] is ' ' or '#'))
        {
            end++;
        }
        // Comments and blank lines just above the next key belong to it, not to the services.
        while (end > start + 1 && end < lines.Length && (lines[end - 1].Length == 0 || lines[end - 1][0] == '#'))
        {
            end--;
        }
        var before = string.Join('\n', lines[..start]);
        var after = string.Join('\n', lines[end..]);
        return (start == 0 ? string.Empty : before + "\n") + Render(system) + after;
    }
}
