namespace Provisioning.Catalogue;

/// <summary>App settings the probe's Functions host itself needs besides the probe's own (<see cref="SettingNames"/>).</summary>
public static class HostSettingNames
{
    /// <summary>NCRONTAB schedule of the timer, read by the Functions host through <c>%PROBE_SCHEDULE%</c>.</summary>
    public const string Schedule = "PROBE_SCHEDULE";

    /// <summary>Where availability results go; without it the alerts would see silence, so it is required.</summary>
    public const string ApplicationInsights = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Every minute (six-field NCRONTAB: second minute hour day month weekday).</summary>
    public const string DefaultSchedule = "0 */1 * * * *";
}
