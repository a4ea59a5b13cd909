using Provisioning.Environments.Model;
using Provisioning.Local;
using Provisioning.Probes;

namespace Provisioning.EndToEnd.Tests;

/// <summary>
/// One thing broken at a time, in the real components, and exactly the matching check goes red with the right
/// outcome and reason; the others pass or are skipped. Each scenario repairs what it broke (also when it fails).
/// </summary>
[TestClass]
public sealed class BreakScenarioTests
{
    private static LocalStack Stack => StackFixture.Stack;

    private static Dictionary<string, string> Change(string name, string value) => new() { [name] = value };

    [TestMethod]
    public async Task Backend_down_fails_backend_health_as_refused()
    {
        await Stack.StopComponentAsync(TodoSystem.Backend);
        try
        {
            var report = await E2eProbe.RunAsync(Stack);

            E2eProbe.OnlyRed(report, new Expected(CheckNames.BackendHealth, CheckOutcome.Fail, FailureKind.Refused, "refused", $"127.0.0.1:{Stack.Endpoints.BackendPort}"));
            Assert.AreEqual(CheckOutcome.Skipped, report[CheckNames.McpBackend].Outcome);
        }
        finally
        {
            await Stack.StartComponentAsync(TodoSystem.Backend);
        }
    }

    [TestMethod]
    public async Task Mcp_with_a_different_jwt_key_fails_mcp_backend_quoting_the_backends_refusal()
    {
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Mcp, Change("JWT_SECRET_KEY", LocalSecrets.NewJwtSecretKey()));

        // A refusal is a status, as the probe's own refusals are (issue 18), not a protocol error.
        E2eProbe.OnlyRed(report, new Expected(CheckNames.McpBackend, CheckOutcome.Fail, FailureKind.Status,
            "list_tasks for probe-e2e failed in the MCP server", "backend answered 401", "Signature verification failed",
            "the MCP server's and the backend's JWT_SECRET_KEY differ"));
    }

    [TestMethod]
    public async Task Messages_table_dropped_fails_database_schema_naming_the_table()
    {
        await Stack.Postgres.ExecuteAsync(TodoSystem.Description.Database.Name, "DROP TABLE messages");
        try
        {
            var report = await E2eProbe.RunAsync(Stack);

            E2eProbe.OnlyRed(report, new Expected(CheckNames.DatabaseSchema, CheckOutcome.Fail, FailureKind.Schema, "schema:", "messages"));
        }
        finally
        {
            // Let the real bundle put it back: forget the migration that created it, then migrate again.
            await Stack.Postgres.ExecuteAsync(TodoSystem.Description.Database.Name,
                "DROP TABLE IF EXISTS messages; DROP TABLE IF EXISTS conversations; DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_AddChat'");
            var migration = await Stack.MigrateAsync();
            Assert.AreEqual(0, migration.ExitCode, migration.Output);
        }
    }

    [TestMethod]
    public async Task Frontend_pointed_at_a_wrong_backend_url_fails_frontend_config_naming_both_urls()
    {
        var wrong = $"http://127.0.0.1:{FreePort.Next()}";
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Frontend, Change("REACT_APP_BACKEND_URL", wrong));

        E2eProbe.OnlyRed(report, new Expected(CheckNames.FrontendConfig, CheckOutcome.Fail, FailureKind.Body,
            $"frontend uses backend '{wrong}' but the backend is {Stack.Endpoints.BackendUrl}", "REACT_APP_BACKEND_URL"));
    }

    [TestMethod]
    public async Task Backend_accepting_requests_without_a_token_is_a_security_failure_of_auth_rejects()
    {
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Backend, Change("FIXTURE_FAULT", "accept-no-token"));

        E2eProbe.OnlyRed(report, new Expected(CheckNames.BackendAuthRejects, CheckOutcome.SecurityFail, FailureKind.Security, "security:", "accepted no token → 200"));
        Assert.DoesNotContain("bad signature", report[CheckNames.BackendAuthRejects].Reason);
    }

    [TestMethod]
    public async Task Backend_trusting_an_identity_header_is_a_security_failure_of_authz()
    {
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Backend, Change("FIXTURE_FAULT", "trust-user-header"));

        E2eProbe.OnlyRed(report, new Expected(CheckNames.BackendAuthz, CheckOutcome.SecurityFail, FailureKind.Security,
            "200 with X-User-ID: probe-e2e-peer", "it trusts the X-User-ID header over the token's sub"));
        Assert.DoesNotContain("no identity header", report[CheckNames.BackendAuthz].Reason);
    }

    [TestMethod]
    public async Task Backend_letting_a_valid_token_read_another_users_tasks_is_a_security_failure_of_authz()
    {
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Backend, Change("FIXTURE_FAULT", "skip-owner-check"));

        E2eProbe.OnlyRed(report, new Expected(CheckNames.BackendAuthz, CheckOutcome.SecurityFail, FailureKind.Security,
            "200 with no identity header", "it does not compare the token's sub with the user in the path"));
    }

    [TestMethod]
    public async Task PostgreSQL_stopped_fails_backend_health_and_database_schema_and_nothing_else()
    {
        await Stack.Postgres.StopAsync();
        try
        {
            var report = await E2eProbe.RunAsync(Stack);

            // Two checks, one cause: the backend's own health says it cannot reach PostgreSQL, and the probe's
            // direct connection is refused. Everything behind the backend is skipped.
            E2eProbe.OnlyRed(report,
                new Expected(CheckNames.BackendHealth, CheckOutcome.Fail, FailureKind.Status, "503", "cannot reach PostgreSQL"),
                new Expected(CheckNames.DatabaseSchema, CheckOutcome.Fail, FailureKind.Refused, "database:", "refused"));
            Assert.AreEqual(CheckOutcome.Skipped, report[CheckNames.BackendAuthAccepts].Outcome);
        }
        finally
        {
            await Stack.Postgres.StartAgainAsync();
        }
    }

    [TestMethod]
    [DataRow("-45", DisplayName = "Backend clock 45 s behind stays green: within the 60 s leeway")]
    // Beyond the leeway alone: green only because the probe and mcp backdate iat/nbf by 30 s (PyJWT checks both).
    [DataRow("-75", DisplayName = "Backend clock 75 s behind stays green: 60 s leeway + 30 s backdating")]
    public async Task Backend_clock_a_little_behind_stays_green(string offsetSeconds)
    {
        await Stack.RestartComponentAsync(TodoSystem.Backend, Change("FIXTURE_CLOCK_OFFSET_SECONDS", offsetSeconds));
        try
        {
            E2eProbe.AllGreen(await E2eProbe.RunAsync(Stack));
        }
        finally
        {
            await Stack.RestartComponentAsync(TodoSystem.Backend);
        }
    }

    [TestMethod]
    public async Task Backend_clock_120_s_behind_fails_auth_accepts_with_a_reason_that_names_the_clock()
    {
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Backend, Change("FIXTURE_CLOCK_OFFSET_SECONDS", "-120"));

        E2eProbe.OnlyRed(report, new Expected(CheckNames.BackendAuthAccepts, CheckOutcome.Fail, FailureKind.Status,
            "backend said \"invalid token: The token is not yet valid", "the backend's clock runs behind", "not the key"));
        Assert.DoesNotContain("JWT_SECRET_KEY", report[CheckNames.BackendAuthAccepts].Reason);
        // mcp's tokens are refused for the same reason: reported once, under backend.auth.accepts.
        Assert.AreEqual(CheckOutcome.Skipped, report[CheckNames.McpBackend].Outcome);
    }

    [TestMethod]
    public async Task Mcp_server_missing_a_tool_fails_mcp_handshake_naming_it()
    {
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Mcp, Change("FIXTURE_FAULT", "omit-update-task"));

        E2eProbe.OnlyRed(report, new Expected(CheckNames.McpHandshake, CheckOutcome.Fail, FailureKind.Body, "lacks update_task"));
    }

    [TestMethod]
    public async Task Frontend_serving_json_at_its_root_fails_frontend_reachable_as_wrong_body()
    {
        var report = await E2eProbe.RunBrokenAsync(Stack, TodoSystem.Frontend, Change("FIXTURE_FAULT", "json-root"));

        E2eProbe.OnlyRed(report, new Expected(CheckNames.FrontendReachable, CheckOutcome.Fail, FailureKind.Body, "application/json, expected text/html"));
    }
}
