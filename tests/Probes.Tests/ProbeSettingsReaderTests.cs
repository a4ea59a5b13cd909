using Provisioning.Probes.Checks;

namespace Provisioning.Probes.Tests;

[TestClass]
public sealed class ProbeSettingsReaderTests
{
    private static readonly Dictionary<string, string> Valid = new()
    {
        [SettingNames.FrontendUrl] = "https://frontend.example",
        [SettingNames.BackendUrl] = "https://backend.example",
        [SettingNames.McpUrl] = "http://mcp.internal/mcp",
        [SettingNames.JwtSecretKey] = new string('x', 32),
        [SettingNames.DatabaseUrl] = "postgresql://u:p%40ss@db:5432/todo?sslmode=require",
        [SettingNames.Environment] = "dev",
    };

    [TestMethod]
    public void Every_missing_setting_is_reported_at_once()
    {
        var result = ProbeSettingsReader.Read(_ => null, "app setting");

        Assert.IsFalse(result.IsValid);
        CollectionAssert.AreEquivalent(
            new[] { "FRONTEND_URL", "BACKEND_URL", "MCP_URL", "JWT_SECRET_KEY", "DATABASE_URL", "PROBE_ENVIRONMENT" },
            result.Problems.Select(p => p.Name).ToList());
        var message = result.Describe("The probe cannot start:");
        Assert.Contains("app setting FRONTEND_URL", message);
    }

    [TestMethod]
    public void Malformed_values_are_named_with_a_fix()
    {
        var values = new Dictionary<string, string>(Valid)
        {
            [SettingNames.BackendUrl] = "backend.example",
            [SettingNames.JwtSecretKey] = "tiny-k3y",
            [SettingNames.Environment] = "Dev Env",
            [SettingNames.CheckTimeoutSeconds] = "soon",
            [SettingNames.DatabaseUrl] = "mysql://u:s3cr3t-pw@db/todo",
        };

        var result = ProbeSettingsReader.Read(n => values.GetValueOrDefault(n), "environment variable");

        CollectionAssert.AreEquivalent(
            new[] { "BACKEND_URL", "JWT_SECRET_KEY", "PROBE_ENVIRONMENT", "PROBE_CHECK_TIMEOUT_SECONDS", "DATABASE_URL" },
            result.Problems.Select(p => p.Name).ToList());
        Assert.DoesNotContain("tiny-k3y", result.Describe(""), "a secret's value is never echoed");
        Assert.DoesNotContain("s3cr3t-pw", result.Describe(""), "a secret's value is never echoed");
    }

    [TestMethod]
    public void Valid_settings_read_with_defaults_and_the_probe_user()
    {
        var result = ProbeSettingsReader.Read(n => Valid.GetValueOrDefault(n), "app setting");

        Assert.IsTrue(result.IsValid, result.Describe(""));
        var settings = result.Settings!;
        Assert.AreEqual("probe-dev", settings.ProbeUserId);
        Assert.IsNull(settings.CheckTimeout, "unset, no override of the contract's time limits");
        Assert.AreEqual(TodoSystem.Description.Check(CheckNames.BackendHealth).TimeLimit, settings.TimeLimit(new BackendHealthCheck()));
        Assert.AreEqual(ProbeSettings.DefaultRunDeadline, settings.RunDeadline);
        Assert.AreEqual("pw *** and ***", settings.Redact("pw p@ss and p%40ss"));
    }
}
