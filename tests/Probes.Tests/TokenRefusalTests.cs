using Provisioning.ProbeServers;

namespace Provisioning.Probes.Tests;

/// <summary>
/// When the backend refuses the probe's valid token, the reason quotes the backend and names the likely cause: a
/// clock problem must not be reported as a key mismatch (people rotated keys over a clock that was off).
/// </summary>
[TestClass]
public sealed class TokenRefusalTests
{
    private static TodoStack stack = null!;

    [ClassInitialize]
    public static async Task StartStack(TestContext context) => stack = await TodoStack.StartAsync();

    [ClassCleanup]
    public static async Task StopStack() => await stack.DisposeAsync();

    [TestMethod]
    public async Task A_probe_clock_45_s_ahead_of_the_backend_still_passes_thanks_to_backdating_and_leeway()
    {
        var report = await RunWithProbeClockShiftedBy(TimeSpan.FromSeconds(45));

        Probe.AssertResult(report, CheckNames.BackendAuthAccepts, CheckOutcome.Pass, FailureKind.None);
        Probe.AssertResult(report, CheckNames.BackendAuthz, CheckOutcome.Pass, FailureKind.None);
    }

    [TestMethod]
    public async Task A_token_not_yet_valid_at_the_backend_is_blamed_on_the_clock_not_the_key()
    {
        // The probe's clock 3 minutes ahead = the backend's 3 minutes behind: nbf lies 150 s in the backend's future.
        var report = await RunWithProbeClockShiftedBy(TimeSpan.FromMinutes(3));

        Probe.AssertResult(report, CheckNames.BackendAuthAccepts, CheckOutcome.Fail, FailureKind.Status, "not yet valid");
        Probe.AssertResult(report, CheckNames.BackendAuthAccepts, CheckOutcome.Fail, FailureKind.Status, "the backend's clock runs behind");
        Assert.DoesNotContain("JWT_SECRET_KEY", report[CheckNames.BackendAuthAccepts].Reason);
    }

    [TestMethod]
    public async Task A_token_already_expired_at_the_backend_is_blamed_on_the_clock_not_the_key()
    {
        // The probe's clock 10 minutes behind: its 5-minute token expired before the backend sees it.
        var report = await RunWithProbeClockShiftedBy(TimeSpan.FromMinutes(-10));

        Probe.AssertResult(report, CheckNames.BackendAuthAccepts, CheckOutcome.Fail, FailureKind.Status, "expired");
        Probe.AssertResult(report, CheckNames.BackendAuthAccepts, CheckOutcome.Fail, FailureKind.Status, "the backend's clock runs ahead");
        Assert.DoesNotContain("JWT_SECRET_KEY", report[CheckNames.BackendAuthAccepts].Reason);
    }

    private static async Task<ProbeReport> RunWithProbeClockShiftedBy(TimeSpan offset)
    {
        using var http = ProbeHttp.CreateClient();
        var settings = stack.Settings();
        return await ProbeRunner.RunAsync(StandardChecks.Create(), new ProbeContext(http, settings, new ShiftedClock(offset)))
            .WaitAsync(settings.RunDeadline * 3);
    }

    /// <summary>System time moved by a fixed offset; timestamps (durations) stay real.</summary>
    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
