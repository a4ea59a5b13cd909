using System.Reflection;
using System.Text.Json;
using Provisioning.Probes;

namespace Provisioning.HealthProbe.Tests;

[TestClass]
public sealed class StartupAndMetadataTests
{
    [TestMethod]
    public void Missing_settings_fail_startup_with_one_message_listing_all_of_them()
    {
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => HostSettings.Read(_ => null));

        foreach (var name in new[]
        {
            SettingNames.FrontendUrl, SettingNames.BackendUrl, SettingNames.McpUrl, SettingNames.JwtSecretKey,
            SettingNames.DatabaseUrl, SettingNames.Environment, HostSettingNames.Schedule, HostSettingNames.ApplicationInsights,
        })
        {
            Assert.Contains(name, ex.Message);
        }
        Assert.StartsWith("The health probe cannot start: 8 app setting(s)", ex.Message);
    }

    [TestMethod]
    public void A_complete_configuration_starts_and_a_bad_schedule_is_named()
    {
        var values = CompleteHostSettings.Create();

        Assert.AreEqual("probe-prod", HostSettings.Read(n => values.GetValueOrDefault(n)).ProbeUserId);

        values[HostSettingNames.Schedule] = "*/1 * * * *";
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => HostSettings.Read(n => values.GetValueOrDefault(n)));
        Assert.Contains("PROBE_SCHEDULE: '*/1 * * * *' is not a six-field NCRONTAB schedule", ex.Message);
    }

    [TestMethod]
    public void The_generated_functions_metadata_binds_the_timer_to_the_PROBE_SCHEDULE_app_setting()
    {
        var output = typeof(StartupAndMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionOutputDirectory").Value!;
        var path = Path.Combine(output, "functions.metadata");
        Assert.IsTrue(File.Exists(path), $"{path} is produced by the Worker SDK when functions/HealthProbe builds");

        using var metadata = JsonDocument.Parse(File.ReadAllText(path));
        var function = metadata.RootElement.EnumerateArray().Single();
        Assert.AreEqual("HealthProbe", function.GetProperty("name").GetString());
        Assert.AreEqual("dotnet-isolated", function.GetProperty("language").GetString());
        var binding = function.GetProperty("bindings").EnumerateArray().Single();
        Assert.AreEqual("timerTrigger", binding.GetProperty("type").GetString());
        Assert.AreEqual("In", binding.GetProperty("direction").GetString());
        Assert.AreEqual("%PROBE_SCHEDULE%", binding.GetProperty("schedule").GetString());
    }
}
