using System.Text;
using Provisioning.Catalogue;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Generation;

/// <summary>
/// The <c>services:</c> section of azure.yaml, rendered from the catalogue: azd deploys every component that runs as
/// an app (a job runs from the postdeploy hook), so a new component reaches azd without a hand edit. The rest of the
/// file (name, infra, hooks) stays as people wrote it; only the section from <c>services:</c> to the next top-level
/// key is replaced, so <c>generate</c> keeps it current and <c>generate --check</c> reports it stale.
/// </summary>
public static class AzureYamlServices
{
    public const string FileName = "azure.yaml";

    private const string SectionKey = "services:";

    /// <summary>The azd variable that names where an externally built image comes from, e.g. <c>FRONTEND_SOURCE_IMAGE</c>.</summary>
    public static string SourceImageVariable(ComponentSpec component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.Name.ToUpperInvariant() + "_SOURCE_IMAGE";
    }

    /// <summary>The section, <c>services:</c> line included, with a trailing newline.</summary>
    public static string Render(SystemDescription system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var text = new StringBuilder();
        text.Append(SectionKey).Append('\n');
        text.Append("  # Written by `dotnet run --project src/Cli` from src/Catalogue/TodoSystem.cs (edit there, not here): every\n");
        text.Append("  # component that runs as an app. An image built elsewhere is copied into the environment's registry from the\n");
        text.Append("  # image its variable names: `azd env set <COMPONENT>_SOURCE_IMAGE <registry>/<repository>:<tag>`.\n");
        foreach (var component in system.Components.Where(c => c.Kind != WorkloadKind.Job))
        {
            text.Append("  ").Append(component.Name).Append(":\n");
            text.Append("    host: containerapp\n");
            if (component.Build is { } build)
            {
                text.Append("    project: ./").Append(build.Project).Append('\n');
                text.Append("    language: ").Append(build.Language).Append('\n');
                text.Append("    docker:\n");
                text.Append("      path: ").Append(build.Dockerfile).Append('\n');
                text.Append("      context: ").Append(build.Context).Append('\n');
            }
            else
            {
                text.Append("    image: ${").Append(SourceImageVariable(component)).Append("}\n");
            }
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
        var start = Array.FindIndex(lines, l => l.TrimEnd() == SectionKey);
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
