using Provisioning.Probes;

namespace Provisioning.HealthProbe;

/// <summary>
/// Reads the probe's settings plus the host's own and fails start-up with ONE message that lists every
/// missing or malformed setting, so a half-configured probe never runs (docs/contract.md).
/// </summary>
public static class HostSettings
{
    public static ProbeSettings Read(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var result = ProbeSettingsReader.Read(lookup, "app setting");
        var problems = result.Problems.ToList();

        var schedule = lookup(HostSettingNames.Schedule);
        if (string.IsNullOrWhiteSpace(schedule))
        {
            problems.Add(new(HostSettingNames.Schedule,
                $"is not set; expected as app setting {HostSettingNames.Schedule}: a six-field NCRONTAB schedule, default '{HostSettingNames.DefaultSchedule}' (every minute)"));
        }
        else if (schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            problems.Add(new(HostSettingNames.Schedule,
                $"'{schedule}' is not a six-field NCRONTAB schedule (second minute hour day month weekday), e.g. '{HostSettingNames.DefaultSchedule}'"));
        }
        if (string.IsNullOrWhiteSpace(lookup(HostSettingNames.ApplicationInsights)))
        {
            problems.Add(new(HostSettingNames.ApplicationInsights,
                $"is not set; expected as app setting {HostSettingNames.ApplicationInsights}: the Application Insights connection string the availability alerts read"));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(new ProbeSettingsResult(null, problems)
                .Describe($"The health probe cannot start: {problems.Count} app setting(s) missing or invalid:"));
        }
        return result.Settings!;
    }
}
