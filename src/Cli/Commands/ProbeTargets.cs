using System.Text.Json;
using Provisioning.Probes;

namespace Provisioning.Cli.Commands;

/// <summary>
/// Where <c>probe</c> finds an environment's URLs: explicit options win over a deployment-outputs file, which wins
/// over azd's <c>.azure/&lt;env&gt;/.env</c>. All three use the Bicep's output names FRONTEND_URL, BACKEND_URL, MCP_URL.
/// </summary>
internal static class ProbeTargets
{
    public static readonly string[] UrlNames = [SettingNames.FrontendUrl, SettingNames.BackendUrl, SettingNames.McpUrl];

    /// <summary>Reads azd's dotenv file: <c>KEY="value"</c> lines, # comments, blank lines.</summary>
    public static Dictionary<string, string> ReadAzdEnv(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal);
            }
            values[line[..eq].Trim()] = value;
        }
        return values;
    }

    /// <summary>Reads <c>az deployment group show --query properties.outputs</c>: <c>{ "NAME": { "type": "String", "value": "…" } }</c>.</summary>
    public static Dictionary<string, string> ReadDeploymentOutputs(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("expected a JSON object of outputs");
        }
        // ARM output names are case-insensitive; tools differ in how they case them.
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var output in document.RootElement.EnumerateObject())
        {
            if (output.Value.ValueKind == JsonValueKind.Object
                && output.Value.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                values[output.Name] = value.GetString()!;
            }
        }
        return values;
    }
}
