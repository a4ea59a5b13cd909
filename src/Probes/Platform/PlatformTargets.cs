namespace Provisioning.Probes.Platform;

/// <summary>What the platform checks look at in one environment's resource group.</summary>
/// <param name="ResourceGroup">Named in reasons and in the commands they suggest.</param>
/// <param name="MigrationJobName">The Bicep output MIGRATION_JOB_NAME.</param>
/// <param name="AppNames">The container apps whose latest revision must be healthy (frontend, backend, mcp).</param>
/// <param name="DeployedAt">
/// When the environment was last deployed, if the host knows it (the CLI reads it from the deployment); when null the
/// migration check uses the job's systemData.lastModifiedAt, which every deployment of main.bicep sets.
/// </param>
public sealed record PlatformTargets(string ResourceGroup, string MigrationJobName, IReadOnlyList<string> AppNames, DateTimeOffset? DeployedAt = null)
{
    /// <summary>
    /// Targets from a deployment's outputs: MIGRATION_JOB_NAME, and the app names from FRONTEND_URL, BACKEND_URL and
    /// MCP_URL, whose host names start with the app's name (<c>https://&lt;app&gt;.[internal.]&lt;environment domain&gt;</c>).
    /// Returns null and the missing output names when they are not all there.
    /// </summary>
    public static (PlatformTargets? Targets, IReadOnlyList<string> Missing) FromOutputs(
        string resourceGroup, IReadOnlyDictionary<string, string> outputs, DateTimeOffset? deployedAt)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var missing = new List<string>();
        var job = outputs.GetValueOrDefault(OutputNames.MigrationJobName);
        if (string.IsNullOrWhiteSpace(job))
        {
            missing.Add(OutputNames.MigrationJobName);
        }
        var apps = new List<string>();
        foreach (var name in new[] { SettingNames.FrontendUrl, SettingNames.BackendUrl, SettingNames.McpUrl })
        {
            if (outputs.TryGetValue(name, out var url) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Contains('.', StringComparison.Ordinal))
            {
                apps.Add(uri.Host[..uri.Host.IndexOf('.', StringComparison.Ordinal)]);
            }
            else
            {
                missing.Add(name);
            }
        }
        return missing.Count > 0 ? (null, missing) : (new PlatformTargets(resourceGroup, job!, apps, deployedAt), missing);
    }
}
