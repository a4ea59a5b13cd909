using Provisioning.Probes;

namespace Provisioning.HealthProbe.Tests;

/// <summary>A complete set of the probe app's required settings (no platform ones), for tests that start from a valid host.</summary>
internal static class CompleteHostSettings
{
    public static Dictionary<string, string> Create() => new()
    {
        [SettingNames.FrontendUrl] = "https://frontend.example",
        [SettingNames.BackendUrl] = "https://backend.example",
        [SettingNames.McpUrl] = "http://mcp/mcp",
        [SettingNames.JwtSecretKey] = new string('k', 32),
        [SettingNames.DatabaseUrl] = "postgresql://u:p@db:5432/todo?sslmode=require",
        [SettingNames.Environment] = "prod",
        [HostSettingNames.Schedule] = HostSettingNames.DefaultSchedule,
        [HostSettingNames.ApplicationInsights] = "InstrumentationKey=00000000-0000-0000-0000-000000000000",
    };
}
