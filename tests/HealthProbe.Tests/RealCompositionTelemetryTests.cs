using Provisioning.Probes;

namespace Provisioning.HealthProbe.Tests;

/// <summary>
/// Issue 9.1: the telemetry the alerts read, proven through the host Program.cs builds and the SDK's real wire
/// format, under the app settings the compiled template gives the probe app.
/// </summary>
[TestClass]
public sealed class RealCompositionTelemetryTests
{
    /// <summary>The role the alert queries filter on (decided for the whole project; AlertQueryTests reads it from the queries).</summary>
    private const string ProbeRoleName = "todo-probe";

    /// <summary>What the stand-ins of RealCompositionRuns make each check report.</summary>
    private static readonly Dictionary<string, string> ExpectedOutcome = new()
    {
        [CheckNames.FrontendReachable] = "fail",
        [CheckNames.FrontendConfig] = "skipped",
        [CheckNames.BackendAuthRejects] = "security-fail",
        // The same stand-in backend answers every user's tasks to any token: an authorization failure too.
        [CheckNames.BackendAuthz] = "security-fail",
        [CheckNames.DatabaseSchema] = "fail",
    };

    /// <summary>
    /// Issue 18.5: "probe starved" is the probe's own outcome with its own telemetry and alert, never a component's: an
    /// availability result named probe.scheduling under the component probe, and a rule of every compiled environment
    /// that names it (the per-check rule the template makes of every catalogue check).
    /// </summary>
    [TestMethod]
    public async Task The_probe_reports_its_own_health_as_probe_scheduling_and_every_environment_alerts_on_it()
    {
        var run = await RealCompositionRuns.Of("dev");

        var own = run.Availability.Single(a => a.Name == CheckNames.ProbeScheduling);
        Assert.AreEqual(TodoSystem.Probe, own.Properties.GetValueOrDefault("component"), own.ToString());
        Assert.AreEqual("pass", own.Properties.GetValueOrDefault("outcome"), own.ToString());
        StringAssert.StartsWith(own.Text("message") ?? "", "the probe ran on time: its timers fired up to", own.ToString());
        Assert.IsTrue(run.Traces.Any(t => t.Properties.ContainsKey("SchedulingDelayMs")), run.Describe());
        foreach (var environment in CompiledEnvironments.Names)
        {
            Assert.IsTrue(CompiledEnvironments.AlertQueries(environment).Any(q => q.Query.Contains($"'{CheckNames.ProbeScheduling}'", StringComparison.Ordinal)),
                $"generated/{environment}: no alert rule names {CheckNames.ProbeScheduling}");
        }
    }

    [TestMethod]
    public async Task One_tick_of_the_real_host_sends_every_check_as_availability_and_a_log_line_with_the_probe_role_name()
    {
        var run = await RealCompositionRuns.Of("dev");
        var environment = run.TemplateSettings[SettingNames.Environment];

        var availability = run.Availability;
        CollectionAssert.AreEquivalent(StandardChecks.Names.ToList(), availability.Select(a => a.Name).ToList(), run.Describe());
        foreach (var item in availability)
        {
            var outcome = ExpectedOutcome.GetValueOrDefault(item.Name!, "pass");
            Assert.AreEqual(outcome, item.Properties.GetValueOrDefault("outcome"), item.ToString());
            Assert.AreEqual(outcome == "pass", (bool)item.BaseData["success"]!, item.ToString());
            Assert.AreEqual("probe-" + environment, item.Text("runLocation"), item.ToString());
            Assert.IsFalse(string.IsNullOrWhiteSpace(item.Text("message")), item.ToString());
            Assert.IsFalse(string.IsNullOrEmpty(item.Text("duration")), item.ToString());
            Assert.AreEqual(environment, item.Properties.GetValueOrDefault("environment"), item.ToString());
            Assert.IsFalse(string.IsNullOrEmpty(item.Properties.GetValueOrDefault("component")), item.ToString());
            Assert.IsFalse(string.IsNullOrEmpty(item.Properties.GetValueOrDefault("failureKind")), item.ToString());
        }

        // Log lines reach the traces table at Information too (the provider's Warning rule is removed).
        var checkLines = run.Traces.Where(t => t.Properties.ContainsKey("Check")).ToList();
        CollectionAssert.AreEquivalent(StandardChecks.Names.ToList(), checkLines.Select(t => t.Properties["Check"]).ToList(), run.Describe());
        foreach (var line in checkLines)
        {
            var outcome = ExpectedOutcome.GetValueOrDefault(line.Properties["Check"], "pass");
            Assert.AreEqual(outcome, line.Properties.GetValueOrDefault("Outcome"), line.ToString());
            Assert.AreEqual(outcome switch { "pass" => "Information", "security-fail" => "Error", _ => "Warning" },
                line.Text("severityLevel"), line.ToString());
            Assert.AreEqual(typeof(AvailabilityReporter).FullName, line.Properties.GetValueOrDefault("CategoryName"), line.ToString());
        }
        Assert.IsTrue(run.Traces.Any(t => (t.Text("message") ?? "").StartsWith("Probe run finished", StringComparison.Ordinal)), run.Describe());

        var wire = string.Join('\n', run.Envelopes);
        Assert.DoesNotContain("not-a-real-password", wire, "the database password never leaves the process");

        // Last, so the failure names the one thing wrong: cloud_RoleName is what the host's initializer makes of the
        // probe app's settings, whatever the code sets on the item.
        foreach (var item in availability.Concat(run.Traces))
        {
            Assert.AreEqual(ProbeRoleName, item.RoleName,
                $"cloud_RoleName (ai.cloud.role) of {item.BaseType} '{item.Name ?? item.Text("message")}' is '{item.RoleName}', not " +
                $"'{ProbeRoleName}' that every alert query filters on: the Functions worker sets it from WEBSITE_CLOUD_ROLENAME " +
                $"(else the site name), and the probe app in generated/{run.Environment}/main.bicep sets " +
                $"[{string.Join(", ", run.TemplateSettings.Select(s => $"{s.Key}={s.Value}"))}].");
        }
    }
}
