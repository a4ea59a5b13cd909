namespace Provisioning.Probes.Platform;

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
