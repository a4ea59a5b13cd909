namespace Provisioning.Probes.Platform;

/// <summary>
/// App settings that turn the platform checks on in the Function: the deployment gives all five to the probe app;
/// without any of them the Function runs the standard checks only (locally, in tests).
/// </summary>
public static class PlatformSettingNames
{
    public const string SubscriptionId = "AZURE_SUBSCRIPTION_ID";
    public const string ResourceGroup = "AZURE_RESOURCE_GROUP";
    public const string MigrationJobName = OutputNames.MigrationJobName;

    /// <summary>The container apps whose latest revision must be healthy, comma separated.</summary>
    public const string AppNames = "PLATFORM_APP_NAMES";

    /// <summary>The client id of the probe's user-assigned identity, which signs in to ARM.</summary>
    public const string ClientId = "AZURE_CLIENT_ID";

    public static IReadOnlyList<string> All { get; } = [SubscriptionId, ResourceGroup, MigrationJobName, AppNames, ClientId];
}

/// <summary>The platform settings of one host, read all-or-nothing.</summary>
public sealed record PlatformSettings(string SubscriptionId, string ClientId, PlatformTargets Targets)
{
    /// <summary>
    /// Null when none of <see cref="PlatformSettingNames.All"/> is set; the settings when all are.
    /// </summary>
    /// <exception cref="InvalidOperationException">Some are set and some are not: a half-configured platform check never runs.</exception>
    public static PlatformSettings? Read(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var values = PlatformSettingNames.All.ToDictionary(n => n, n => lookup(n)?.Trim(), StringComparer.Ordinal);
        var missing = values.Where(v => string.IsNullOrEmpty(v.Value)).Select(v => v.Key).ToList();
        if (missing.Count == PlatformSettingNames.All.Count)
        {
            return null;
        }
        var apps = (values[PlatformSettingNames.AppNames] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (missing.Count == 0 && apps.Length == 0)
        {
            missing.Add(PlatformSettingNames.AppNames);
        }
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The platform checks need all of {string.Join(", ", PlatformSettingNames.All)} or none; missing: {string.Join(", ", missing)}.");
        }
        return new PlatformSettings(values[PlatformSettingNames.SubscriptionId]!, values[PlatformSettingNames.ClientId]!,
            new PlatformTargets(values[PlatformSettingNames.ResourceGroup]!, values[PlatformSettingNames.MigrationJobName]!, apps));
    }
}
