namespace Provisioning.Probes.Tests;

[TestClass]
public sealed class ProbeRunnerTests
{
    private static ProbeSettings Settings(TimeSpan? checkTimeout = null) => new()
    {
        FrontendUrl = new Uri("http://127.0.0.1:9/"),
        BackendUrl = new Uri("http://127.0.0.1:9/"),
        McpUrl = new Uri("http://127.0.0.1:9/mcp"),
        JwtSecretKey = new string('k', 40),
        DatabaseUrl = "postgresql://probe:s3cret-pa55@127.0.0.1:9/todo",
        Environment = "test",
        CheckTimeout = checkTimeout ?? TimeSpan.FromSeconds(5),
        RunDeadline = TimeSpan.FromSeconds(10),
    };

    [TestMethod]
    public async Task An_exception_thrown_by_a_check_becomes_a_result_and_never_escapes()
    {
        var checks = new IProbeCheck[]
        {
            new StubCheck("throws.sync", _ => throw new InvalidOperationException("boom")),
            new StubCheck("throws.async", async ct => { await Task.Yield(); throw new FormatException("bad"); }),
            StubCheck.Passing("fine"),
        };

        var report = await Probe.RunAsync(Settings(), checks);

        Probe.AssertResult(report, "throws.sync", CheckOutcome.Fail, FailureKind.Unexpected, "InvalidOperationException: boom");
        Probe.AssertResult(report, "throws.async", CheckOutcome.Fail, FailureKind.Unexpected, "FormatException");
        Probe.AssertResult(report, "fine", CheckOutcome.Pass, FailureKind.None);
    }

    [TestMethod]
    public async Task A_check_that_ignores_its_token_still_ends_at_its_own_timeout()
    {
        var checks = new IProbeCheck[] { StubCheck.HangingForever("hangs"), StubCheck.Passing("fine") };

        var report = await Probe.RunAsync(Settings(TimeSpan.FromMilliseconds(300)), checks);

        Probe.AssertResult(report, "hangs", CheckOutcome.Fail, FailureKind.Timeout, "within 0.3 s");
        Probe.AssertResult(report, "fine", CheckOutcome.Pass, FailureKind.None);
    }

    [TestMethod]
    public async Task Dependents_are_skipped_only_when_a_dependency_did_not_pass()
    {
        var checks = new IProbeCheck[]
        {
            new StubCheck("root.bad", _ => Task.FromResult(CheckVerdict.Fail(FailureKind.Status, "503"))),
            StubCheck.Passing("root.good"),
            StubCheck.Passing("child.of.bad", "root.good", "root.bad"),
            StubCheck.Passing("child.of.good", "root.good"),
            new StubCheck("child.failing", _ => Task.FromResult(CheckVerdict.Fail(FailureKind.Body, "own failure")), "root.good"),
        };

        var report = await Probe.RunAsync(Settings(), checks);

        Probe.AssertResult(report, "child.of.bad", CheckOutcome.Skipped, FailureKind.Dependency, "root.bad");
        Probe.AssertResult(report, "child.of.good", CheckOutcome.Pass, FailureKind.None);
        Probe.AssertResult(report, "child.failing", CheckOutcome.Fail, FailureKind.Body, "own failure");
        Assert.AreEqual(CheckOutcome.Fail, report.Overall);
    }

    [TestMethod]
    public async Task Dependents_start_together_with_their_dependencies_so_a_run_is_as_long_as_its_slowest_check()
    {
        // The parent can only finish after the child has started. A runner that waited for the parent
        // before starting the child would deadlock until the parent's timeout and then skip the child.
        var childStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checks = new IProbeCheck[]
        {
            new StubCheck("parent", async ct => { await childStarted.Task.WaitAsync(ct); return CheckVerdict.Pass("ok"); }),
            new StubCheck("child", _ => { childStarted.TrySetResult(); return Task.FromResult(CheckVerdict.Pass("ok")); }, "parent"),
        };

        var report = await Probe.RunAsync(Settings(), checks);

        Probe.AssertResult(report, "parent", CheckOutcome.Pass, FailureKind.None);
        Probe.AssertResult(report, "child", CheckOutcome.Pass, FailureKind.None);
    }

    [TestMethod]
    public async Task Reasons_never_carry_a_secret_even_when_a_check_echoes_one()
    {
        var settings = Settings();
        var checks = new IProbeCheck[]
        {
            new StubCheck("echo", _ => Task.FromResult(CheckVerdict.Fail(FailureKind.Body,
                $"server said {settings.DatabaseUrl} and {settings.JwtSecretKey} and s3cret-pa55"))),
        };

        var report = await Probe.RunAsync(settings, checks);

        var reason = report["echo"].Reason;
        Assert.DoesNotContain("s3cret-pa55", reason);
        Assert.DoesNotContain(settings.JwtSecretKey, reason);
        Assert.DoesNotContain("s3cret", settings.ToString());
        Assert.DoesNotContain(settings.JwtSecretKey, settings.ToString());
    }

    [TestMethod]
    public async Task Two_checks_with_one_name_are_refused_before_running()
    {
        await Assert.ThrowsExactlyAsync<ArgumentException>(() =>
            Probe.RunAsync(Settings(), [StubCheck.Passing("same"), StubCheck.Passing("same")]));
    }
}
