using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Provisioning.Local;
using Provisioning.Probes;

namespace Provisioning.EndToEnd.Tests;

/// <summary>
/// Issue 18, "the probe tells the whole truth", against the independent implementations of tests/Fixtures (FastAPI +
/// Starlette's CORS middleware + PyJWT, the TypeScript MCP SDK, the Node frontend): contract time limits, the
/// browser's path, the real cause behind the MCP hop, the backend's claim set against the probe's own look at the
/// database, the leeway tested directly, and a run from outside the environment. Each scenario repairs what it broke.
/// </summary>
[TestClass]
public sealed partial class ProbeTruthTests
{
    private static LocalStack Stack => StackFixture.Stack;

    private static Dictionary<string, string> Change(string name, string value) => new() { [name] = value };

    [TestMethod]
    public async Task A_health_answer_after_the_contract_limit_fails_as_slow_naming_both_times()
    {
        // 10 s against the contract's 5 s: far beyond the limit, and well inside the three limits the probe waits.
        await Stack.RestartComponentAsync(TodoSystem.Backend, Change("FIXTURE_FAULT", "slow-health"));
        try
        {
            var report = await E2eProbe.RunAsync(Stack, contractLimits: true);

            var health = report[CheckNames.BackendHealth];
            Assert.AreEqual(CheckOutcome.Fail, health.Outcome, E2eProbe.Describe(report));
            Assert.AreEqual(FailureKind.Slow, health.Kind, health.Reason);
            var after = SlowReason().Match(health.Reason);
            Assert.IsTrue(after.Success, health.Reason);
            Assert.IsGreaterThanOrEqualTo(10.0, double.Parse(after.Groups[1].Value, CultureInfo.InvariantCulture), health.Reason);
            Assert.AreEqual(CheckOutcome.Skipped, report[CheckNames.BackendAuthAccepts].Outcome, "what depends on a failed backend.health is skipped");
        }
        finally
        {
            await Stack.RestartComponentAsync(TodoSystem.Backend);
        }
    }

    [GeneratedRegex(@"answered after (\d+\.\d) s, the contract allows 5 s")]
    private static partial Regex SlowReason();

    [TestMethod]
    public async Task A_backend_allowing_any_origin_with_credentials_is_a_security_failure_of_frontend_backend()
    {
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Backend, Change("FIXTURE_FAULT", "cors-any-origin"));

        E2eProbe.OnlyRed(report, new Expected(CheckNames.FrontendBackend, CheckOutcome.SecurityFail, FailureKind.Security,
            "security:", "Origin: https://not-the-frontend.invalid", "Access-Control-Allow-Credentials: true", SettingNames.FrontendUrl));
    }

    [TestMethod]
    public async Task A_backend_refusing_the_frontends_origin_fails_frontend_backend_naming_FRONTEND_URL()
    {
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Backend, Change("FIXTURE_FAULT", "cors-refuse-frontend"));

        var origin = Stack.Endpoints.UrlOf(TodoSystem.Frontend);
        E2eProbe.OnlyRed(report, new Expected(CheckNames.FrontendBackend, CheckOutcome.Fail, FailureKind.Cors,
            $"refuses the frontend's origin {origin}", "Disallowed CORS origin", $"set the backend's {SettingNames.FrontendUrl}"));
    }

    /// <summary>The MCP server's token refused by the backend: named by cause with the probe's own rules, kind Status.</summary>
    [TestMethod]
    [DataRow("FIXTURE_CLOCK_OFFSET_SECONDS", "180", "not yet valid", "the backend's clock runs behind the MCP server's",
        DisplayName = "MCP server clock 3 min ahead: the backend's clock runs behind")]
    [DataRow("FIXTURE_CLOCK_OFFSET_SECONDS", "-600", "expired", "the backend's clock runs ahead of the MCP server's",
        DisplayName = "MCP server clock 10 min behind: expired")]
    [DataRow("FIXTURE_FAULT", "send-no-token", "missing bearer token", "the MCP server's request carried no bearer token",
        DisplayName = "MCP server sends no token")]
    [DataRow("FIXTURE_FAULT", "wrong-audience", "audience", "the MCP server's token is not for the audience the backend expects",
        DisplayName = "MCP server's tokens for another audience")]
    public async Task A_refusal_behind_the_mcp_hop_is_named_by_its_cause(string variable, string value, string said, string cause)
    {
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Mcp, Change(variable, value));

        E2eProbe.OnlyRed(report, new Expected(CheckNames.McpBackend, CheckOutcome.Fail, FailureKind.Status,
            "list_tasks for probe-e2e failed in the MCP server", "the backend answered 401 to its token", said, cause));
        Assert.DoesNotContain("JWT_SECRET_KEY differ", report[CheckNames.McpBackend].Reason, "not the key");
    }

    [TestMethod]
    public async Task A_refused_connection_behind_the_mcp_server_is_a_connection_failure_naming_MCP_BACKEND_URL()
    {
        var nobody = $"http://127.0.0.1:{FreePort.Next()}";
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Mcp, Change("MCP_BACKEND_URL", nobody));

        E2eProbe.OnlyRed(report, new Expected(CheckNames.McpBackend, CheckOutcome.Fail, FailureKind.Refused,
            "connection failed behind the MCP server", "ECONNREFUSED", "MCP_BACKEND_URL"));
    }

    [TestMethod]
    public async Task The_backends_database_claim_is_flagged_when_the_probe_itself_cannot_reach_the_database()
    {
        // The probe's own path to PostgreSQL broken (a wrong port): the backend still says "database ok".
        var refusing = $"postgresql://todo_probe:not-the-password@127.0.0.1:{Provisioning.TestSupport.FreePort.Refusing()}/todo?sslmode=disable";
        var report = await E2eProbe.RunAsync(Stack, changes: Change(SettingNames.DatabaseUrl, refusing));

        E2eProbe.OnlyRed(report, new Expected(CheckNames.DatabaseSchema, CheckOutcome.Fail, FailureKind.Refused, "refused"));
        var health = report[CheckNames.BackendHealth];
        Assert.AreEqual(CheckOutcome.Pass, health.Outcome, "the backend's own answer is right: reported, with its claim flagged");
        StringAssert.Contains(health.Reason, "contradiction: the backend claims its database is ok, but the probe itself cannot reach it");
        StringAssert.Contains(health.Reason, SettingNames.DatabaseUrl);
    }

    [TestMethod]
    public async Task A_healthy_backends_claim_is_reported_as_its_claim()
    {
        var report = await E2eProbe.RunAsync(Stack);

        E2eProbe.AllGreen(report);
        StringAssert.Contains(report[CheckNames.BackendHealth].Reason, "the backend says it and its database are ok (its own claim");
        StringAssert.Contains(report[CheckNames.BackendAuthAccepts].Reason, "a token dated 30 s ahead of the backend's own clock");
        StringAssert.Contains(report[CheckNames.FrontendBackend].Reason, "the backend allows exactly");
    }

    [TestMethod]
    public async Task A_backend_without_the_contracts_leeway_fails_auth_accepts_with_a_token_dated_inside_it()
    {
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Backend, Change("FIXTURE_FAULT", "no-leeway"));

        // The backdated token alone passes such a backend: only the future-dated one shows the missing leeway.
        E2eProbe.OnlyRed(report, new Expected(CheckNames.BackendAuthAccepts, CheckOutcome.Fail, FailureKind.Status,
            "the backend allows less clock skew than the contract's 60 s leeway", "refused a token dated 30 s ahead of the backend's own clock", "not yet valid"));
    }

    [TestMethod]
    public async Task Probe_from_outside_with_mcp_unreachable_by_design_exits_0_and_lists_the_mcp_checks_as_not_run()
    {
        var variables = Stack.VariablesOf(TodoSystem.Probe);
        // What a laptop sees of an internal-ingress MCP URL: nothing listens there.
        var unreachableMcp = $"http://127.0.0.1:{Provisioning.TestSupport.FreePort.Refusing()}/mcp";
        var cli = Path.Combine(AppContext.BaseDirectory, "provisioning.dll");
        var start = new ProcessStartInfo("dotnet",
            [cli, "probe", "-e", Stack.EnvironmentName, "--from", "outside",
             "--frontend-url", variables[SettingNames.FrontendUrl], "--backend-url", variables[SettingNames.BackendUrl], "--mcp-url", unreachableMcp])
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[SettingNames.JwtSecretKey] = variables[SettingNames.JwtSecretKey];
        start.Environment[SettingNames.DatabaseUrl] = variables[SettingNames.DatabaseUrl];
        // This test judges where the probe runs, not speed: a cold CLI process on a loaded machine gets roomy limits.
        start.Environment[SettingNames.CheckTimeoutSeconds] = "30";
        start.Environment[SettingNames.RunDeadlineSeconds] = "90";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await process.WaitForExitAsync(limit.Token);
        var text = await output + await error;

        Assert.AreEqual(0, process.ExitCode, text);
        foreach (var mcpCheck in new[] { CheckNames.McpHandshake, CheckNames.McpBackend })
        {
            var row = text.Split('\n').Single(l => l.StartsWith(mcpCheck + " ", StringComparison.Ordinal));
            StringAssert.Contains(row, "NOT-RUN", text);
            StringAssert.Contains(row, "not run from here", text);
        }
        StringAssert.Contains(text, "Not run from here (outside the environment): mcp.handshake, mcp.backend", text);
        StringAssert.Contains(text, "Overall: PASS", text);
        foreach (var check in StandardChecks.Names.Except([CheckNames.McpHandshake, CheckNames.McpBackend]))
        {
            StringAssert.Contains(text.Split('\n').Single(l => l.StartsWith(check + " ", StringComparison.Ordinal)), "PASS", text);
        }
    }

    [TestMethod]
    public async Task Probe_from_inside_skips_nothing_and_fails_when_mcp_is_unreachable()
    {
        var unreachableMcp = $"http://127.0.0.1:{Provisioning.TestSupport.FreePort.Refusing()}/mcp";
        var report = await E2eProbe.RunAsync(Stack, changes: Change(SettingNames.McpUrl, unreachableMcp));

        Assert.IsEmpty(report.NotRun, "inside the environment nothing is left out");
        Assert.AreEqual(CheckOutcome.Fail, report[CheckNames.McpHandshake].Outcome, E2eProbe.Describe(report));
        Assert.AreEqual(FailureKind.Refused, report[CheckNames.McpHandshake].Kind);
    }
}
