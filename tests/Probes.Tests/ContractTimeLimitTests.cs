using System.Globalization;
using System.Text.RegularExpressions;
using Provisioning.Probes.Checks;
using Provisioning.ProbeServers;

namespace Provisioning.Probes.Tests;

/// <summary>
/// Issue 18.1: a check's time limit is the contract's (the catalogue's), and an answer after it is a failure that
/// names both times, while no answer at all is still a timeout. Delays are far from every bound (10 s against 5 s and a
/// 15 s wait; nothing against 1 s and a 3 s wait), so a loaded machine cannot turn one case into the other.
/// </summary>
[TestClass]
public sealed partial class ContractTimeLimitTests
{
    [TestMethod]
    public void Backend_health_gets_the_readiness_probes_timeout_from_the_catalogue()
    {
        var settings = Probe.DatabaseOnlySettings("Host=127.0.0.1;Port=9", TimeSpan.FromSeconds(1)) with { CheckTimeout = null };

        Assert.AreEqual(TimeSpan.FromSeconds(HealthSpec.ReadinessTimeoutSeconds), settings.TimeLimit(new BackendHealthCheck()));
        Assert.AreEqual(settings.TimeLimit(new BackendHealthCheck()) * ProbeSettings.WaitLimits, settings.Wait(new BackendHealthCheck()));
    }

    [TestMethod]
    public async Task A_health_answer_after_the_contract_limit_fails_as_slow_and_names_both_times()
    {
        await using var stack = await TodoStack.StartAsync(backend: new BackendOptions(HealthDelay: TimeSpan.FromSeconds(10)));
        // No operator override: backend.health runs under the contract's 5 s.
        var settings = stack.Settings(checkTimeout: TimeSpan.FromSeconds(1), runDeadline: TimeSpan.FromSeconds(40)) with { CheckTimeout = null };

        var report = await Probe.RunAsync(settings, [new BackendHealthCheck()]);

        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Fail, FailureKind.Slow, "the contract allows 5 s");
        var after = AnsweredAfter().Match(report[CheckNames.BackendHealth].Reason);
        Assert.IsTrue(after.Success, report[CheckNames.BackendHealth].Reason);
        Assert.IsGreaterThanOrEqualTo(10.0, double.Parse(after.Groups[1].Value, CultureInfo.InvariantCulture));
        StringAssert.Contains(report[CheckNames.BackendHealth].Reason, "the backend says it and its database are ok", "what the answer said is kept");
    }

    [TestMethod]
    public async Task No_answer_at_all_is_a_timeout_not_a_slow_answer()
    {
        await using var stack = await TodoStack.StartAsync();
        await using var hanging = await FaultServers.HangingAsync();
        var settings = stack.Settings(checkTimeout: TimeSpan.FromSeconds(1), runDeadline: TimeSpan.FromSeconds(20)) with { BackendUrl = hanging.Url };

        var report = await Probe.RunAsync(settings, [new BackendHealthCheck()]);

        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Fail, FailureKind.Timeout, "no complete answer within 1 s, its time limit, nor in the 2 s");
        Assert.DoesNotContain("answered after", report[CheckNames.BackendHealth].Reason);
    }

    [GeneratedRegex(@"slow: answered after (\d+\.\d) s, the contract allows 5 s")]
    private static partial Regex AnsweredAfter();
}
