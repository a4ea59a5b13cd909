using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Provisioning.Probes;
using Provisioning.ProbeServers;

namespace Provisioning.HealthProbe.Tests;

/// <summary>
/// The timer method, called directly with a fake TimerInfo and the real library, reports every result. The role name
/// and the wire format are not visible here (a bare TelemetryConfiguration has none of the host's initializers):
/// RealCompositionTelemetryTests prove those through the host Program.cs builds.
/// </summary>
[TestClass]
public sealed class TimerFunctionTests
{
    [TestMethod]
    public async Task One_timer_tick_reports_every_check_as_availability_telemetry_and_a_log_line()
    {
        await using var stack = await TodoStack.StartAsync();
        var databaseUrl = TodoStack.UnreachableDatabaseUrl();
        var settings = stack.Settings(databaseUrl);
        var channel = new CapturingChannel();
        using var configuration = new TelemetryConfiguration { TelemetryChannel = channel, ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000" };
        var telemetry = new TelemetryClient(configuration);
        var logger = new CapturingLogger<AvailabilityReporter>();
        using var http = ProbeHttp.CreateClient();
        var function = new HealthProbeFunction(http, settings, StandardChecks.Create(), new AvailabilityReporter(telemetry, logger, settings), telemetry);

        await function.RunAsync(new TimerInfo { IsPastDue = false }, CancellationToken.None);

        var items = channel.Items.OfType<AvailabilityTelemetry>().ToList();
        CollectionAssert.AreEqual(StandardChecks.Names.ToList(), items.Select(i => i.Name).ToList());
        foreach (var item in items)
        {
            Assert.AreEqual("probe-test", item.RunLocation);
            Assert.AreEqual("test", item.Properties["environment"]);
            Assert.IsFalse(string.IsNullOrEmpty(item.Message), item.Name);
            Assert.IsTrue(item.Duration > TimeSpan.Zero, item.Name);
        }
        foreach (var passing in items.Where(i => i.Name != CheckNames.DatabaseSchema))
        {
            Assert.IsTrue(passing.Success, $"{passing.Name}: {passing.Message}");
            Assert.AreEqual("pass", passing.Properties["outcome"]);
            Assert.AreEqual("None", passing.Properties["failureKind"]);
        }
        var database = items.Single(i => i.Name == CheckNames.DatabaseSchema);
        Assert.IsFalse(database.Success);
        Assert.AreEqual("database", database.Properties["component"]);
        Assert.AreEqual("fail", database.Properties["outcome"]);
        Assert.AreEqual("Refused", database.Properties["failureKind"]);
        Assert.IsGreaterThanOrEqualTo(1, channel.Flushes, "results are flushed at the end of each tick");

        var lines = logger.Entries.Where(e => e.State.ContainsKey("Check")).ToList();
        Assert.HasCount(StandardChecks.Names.Count, lines);
        var databaseLine = lines.Single(l => (string?)l.State["Check"] == CheckNames.DatabaseSchema);
        Assert.AreEqual(LogLevel.Warning, databaseLine.Level);
        Assert.AreEqual("fail", databaseLine.State["Outcome"]);

        // Secrets never leave the process, not in telemetry nor in logs.
        var everything = string.Join("\n", items.Select(i => i.Message + string.Join(",", i.Properties.Values))
            .Concat(logger.Entries.Select(e => e.Message)));
        Assert.DoesNotContain("not-a-real-password", everything);
        Assert.DoesNotContain(stack.JwtSecretKey, everything);
    }

    [TestMethod]
    public async Task A_forged_token_accepted_by_the_backend_is_reported_as_security_fail_at_error_level()
    {
        await using var stack = await TodoStack.StartAsync(backend: new BackendOptions(AcceptsAnyToken: true));
        var settings = stack.Settings();
        var channel = new CapturingChannel();
        using var configuration = new TelemetryConfiguration { TelemetryChannel = channel, ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000" };
        var telemetry = new TelemetryClient(configuration);
        var logger = new CapturingLogger<AvailabilityReporter>();
        using var http = ProbeHttp.CreateClient();
        var function = new HealthProbeFunction(http, settings, StandardChecks.Create(), new AvailabilityReporter(telemetry, logger, settings), telemetry);

        await function.RunAsync(new TimerInfo(), CancellationToken.None);

        var rejects = channel.Items.OfType<AvailabilityTelemetry>().Single(i => i.Name == CheckNames.BackendAuthRejects);
        Assert.IsFalse(rejects.Success);
        Assert.AreEqual("security-fail", rejects.Properties["outcome"]);
        Assert.AreEqual("Security", rejects.Properties["failureKind"]);
        Assert.AreEqual(LogLevel.Error, logger.Entries.Single(e => (string?)e.State.GetValueOrDefault("Check") == CheckNames.BackendAuthRejects).Level);
    }
}
