using Provisioning.ProbeServers;
using Provisioning.TestSupport;

namespace Provisioning.Probes.Tests;

/// <summary>Acceptance 1: each failure class, against real local servers, gives the right outcome and reason.</summary>
[TestClass]
public sealed class FailureClassTests
{
    private static TodoStack stack = null!;

    [ClassInitialize]
    public static async Task StartStack(TestContext context) => stack = await TodoStack.StartAsync();

    [ClassCleanup]
    public static async Task StopStack() => await stack.DisposeAsync();

    private static Uri NothingListening() => new($"http://127.0.0.1:{FreePort.Refusing()}/");

    [TestMethod]
    public async Task A_refused_frontend_fails_reachable_as_refused_and_skips_config()
    {
        var report = await Probe.RunAsync(Reconfigure(frontend: NothingListening()));

        Probe.AssertResult(report, CheckNames.FrontendReachable, CheckOutcome.Fail, FailureKind.Refused, "refused");
        Probe.AssertResult(report, CheckNames.FrontendConfig, CheckOutcome.Skipped, FailureKind.Dependency, CheckNames.FrontendReachable);
        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Pass, FailureKind.None);
    }

    [TestMethod]
    public async Task A_backend_that_hangs_past_the_check_timeout_fails_as_timeout_and_its_dependents_are_skipped()
    {
        await using var hanging = await FaultServers.HangingAsync();
        // Every check gets this timeout; 4 s keeps the healthy ones clear of it on a loaded 2-core machine.
        var settings = Reconfigure(backend: hanging.Url, checkTimeout: TimeSpan.FromSeconds(4));

        var report = await Probe.RunAsync(settings);

        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Fail, FailureKind.Timeout, "within 4 s");
        Probe.AssertResult(report, CheckNames.BackendAuthRejects, CheckOutcome.Skipped, FailureKind.Dependency);
        Probe.AssertResult(report, CheckNames.BackendAuthAccepts, CheckOutcome.Skipped, FailureKind.Dependency);
        Probe.AssertResult(report, CheckNames.McpBackend, CheckOutcome.Skipped, FailureKind.Dependency);
        Probe.AssertResult(report, CheckNames.FrontendReachable, CheckOutcome.Pass, FailureKind.None);
    }

    [TestMethod]
    public async Task A_5xx_frontend_fails_reachable_with_the_status_code()
    {
        await using var broken = await FaultServers.StatusAsync(502);

        var report = await Probe.RunAsync(Reconfigure(frontend: broken.Url));

        Probe.AssertResult(report, CheckNames.FrontendReachable, CheckOutcome.Fail, FailureKind.Status, "502");
    }

    [TestMethod]
    public async Task A_backend_without_its_database_fails_health_with_a_database_reason()
    {
        await using var backend = await ContractBackend.StartAsync(stack.JwtSecretKey, new BackendOptions(BackendHealth.DatabaseError));

        var report = await Probe.RunAsync(Reconfigure(backend: backend.Url));

        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Fail, FailureKind.Status, "cannot reach PostgreSQL");
        Probe.AssertResult(report, CheckNames.BackendAuthAccepts, CheckOutcome.Skipped, FailureKind.Dependency);
    }

    [TestMethod]
    public async Task A_frontend_serving_json_instead_of_html_fails_with_wrong_body()
    {
        await using var frontend = await FakeFrontend.StartAsync(stack.Backend.Url, new FrontendOptions(ServesHtml: false));

        var report = await Probe.RunAsync(Reconfigure(frontend: frontend.Url));

        Probe.AssertResult(report, CheckNames.FrontendReachable, CheckOutcome.Fail, FailureKind.Body, "text/html");
    }

    [TestMethod]
    public async Task A_frontend_built_for_another_backend_fails_config_and_says_to_rebuild()
    {
        await using var frontend = await FakeFrontend.StartAsync(stack.Backend.Url, new FrontendOptions(ReportedBackendUrl: "https://backend.staging.example"));

        var report = await Probe.RunAsync(Reconfigure(frontend: frontend.Url));

        Probe.AssertResult(report, CheckNames.FrontendReachable, CheckOutcome.Pass, FailureKind.None);
        Probe.AssertResult(report, CheckNames.FrontendConfig, CheckOutcome.Fail, FailureKind.Body, "REACT_APP_BACKEND_URL");
    }

    [TestMethod]
    public async Task A_frontend_without_domain_key_fails_config()
    {
        await using var frontend = await FakeFrontend.StartAsync(stack.Backend.Url, new FrontendOptions(DomainKeyConfigured: false));

        var report = await Probe.RunAsync(Reconfigure(frontend: frontend.Url));

        Probe.AssertResult(report, CheckNames.FrontendConfig, CheckOutcome.Fail, FailureKind.Body, "NEXT_PUBLIC_OPENAI_DOMAIN_KEY");
    }

    [TestMethod]
    public async Task A_backend_health_body_off_contract_fails_with_wrong_body()
    {
        await using var backend = await ContractBackend.StartAsync(stack.JwtSecretKey, new BackendOptions(BackendHealth.WrongBody));

        var report = await Probe.RunAsync(Reconfigure(backend: backend.Url));

        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Fail, FailureKind.Body, "wrong body");
    }

    [TestMethod]
    public async Task An_untrusted_certificate_fails_as_tls()
    {
        await using var tls = await FaultServers.UntrustedTlsAsync();

        var report = await Probe.RunAsync(Reconfigure(backend: tls.Url));

        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Fail, FailureKind.Tls, "TLS");
    }

    [TestMethod]
    public async Task An_mcp_endpoint_answering_json_rpc_errors_fails_the_handshake_as_protocol_error()
    {
        await using var rpc = await FaultServers.JsonRpcErrorAsync();

        var report = await Probe.RunAsync(Reconfigure(mcp: new Uri(rpc.Url, "mcp")));

        Probe.AssertResult(report, CheckNames.McpHandshake, CheckOutcome.Fail, FailureKind.Protocol, "protocol error");
        Probe.AssertResult(report, CheckNames.McpBackend, CheckOutcome.Skipped, FailureKind.Dependency, CheckNames.McpHandshake);
    }

    [TestMethod]
    public async Task An_mcp_server_missing_a_tool_fails_the_handshake_naming_it()
    {
        await using var mcp = await TodoMcpServer.StartAsync(stack.Backend.Url, stack.JwtSecretKey, new McpOptions(OmitTool: "update_task"));

        var report = await Probe.RunAsync(Reconfigure(mcp: new Uri(mcp.Url, "mcp")));

        Probe.AssertResult(report, CheckNames.McpHandshake, CheckOutcome.Fail, FailureKind.Body, "update_task");
    }

    [TestMethod]
    public async Task A_backend_accepting_forged_tokens_is_a_security_failure()
    {
        await using var backend = await ContractBackend.StartAsync(stack.JwtSecretKey, new BackendOptions(AcceptsAnyToken: true));

        var report = await Probe.RunAsync(Reconfigure(backend: backend.Url));

        Probe.AssertResult(report, CheckNames.BackendAuthRejects, CheckOutcome.SecurityFail, FailureKind.Security, "alg:none token → 200");
        Assert.IsTrue(report.HasSecurityFailure);
        Assert.AreEqual(CheckOutcome.SecurityFail, report.Overall);
    }

    [TestMethod]
    public async Task A_security_failure_is_reported_even_when_the_dependency_failed()
    {
        await using var backend = await ContractBackend.StartAsync(stack.JwtSecretKey,
            new BackendOptions(BackendHealth.DatabaseError, AcceptsAnyToken: true));

        var report = await Probe.RunAsync(Reconfigure(backend: backend.Url));

        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Fail, FailureKind.Status);
        Probe.AssertResult(report, CheckNames.BackendAuthRejects, CheckOutcome.SecurityFail, FailureKind.Security);
    }

    [TestMethod]
    public async Task A_probe_with_another_jwt_key_fails_accepts_with_a_key_mismatch_reason()
    {
        var report = await Probe.RunAsync(stack.Settings() with { JwtSecretKey = TestKeys.NewJwtSecret() });

        Probe.AssertResult(report, CheckNames.BackendAuthAccepts, CheckOutcome.Fail, FailureKind.Status, "JWT_SECRET_KEY differ");
        Probe.AssertResult(report, CheckNames.BackendAuthAccepts, CheckOutcome.Fail, FailureKind.Status, "backend said \"invalid token: IDX10517: Signature validation failed");
        Probe.AssertResult(report, CheckNames.BackendAuthRejects, CheckOutcome.Pass, FailureKind.None);
        // The same wrong key would fail mcp's hop and the authz check too: one root cause, one alert.
        Probe.AssertResult(report, CheckNames.BackendAuthz, CheckOutcome.Skipped, FailureKind.Dependency, CheckNames.BackendAuthAccepts);
    }

    [TestMethod]
    public async Task A_backend_that_is_down_fails_health_once_and_skips_mcp_backend_instead_of_failing_it_twice()
    {
        // The MCP server is up but its backend is not: list_tasks would fail too, yet only backend.health may alert.
        var downBackend = NothingListening();
        await using var mcp = await TodoMcpServer.StartAsync(downBackend, stack.JwtSecretKey);

        var report = await Probe.RunAsync(Reconfigure(backend: downBackend, mcp: new Uri(mcp.Url, "mcp")));

        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Fail, FailureKind.Refused, "refused");
        Probe.AssertResult(report, CheckNames.McpHandshake, CheckOutcome.Pass, FailureKind.None);
        Probe.AssertResult(report, CheckNames.McpBackend, CheckOutcome.Skipped, FailureKind.Dependency, CheckNames.BackendHealth);
        Probe.AssertResult(report, CheckNames.BackendAuthRejects, CheckOutcome.Skipped, FailureKind.Dependency);
        Assert.AreEqual(1, report.Results.Count(r => r.Component == TodoSystem.Backend && r.Outcome == CheckOutcome.Fail));
    }

    [TestMethod]
    public async Task Mcp_backend_fails_on_its_own_when_the_mcp_server_cannot_use_the_backend()
    {
        // Backend healthy for the probe, but the MCP server signs with another key: the mcp → backend hop is broken.
        await using var mcp = await TodoMcpServer.StartAsync(stack.Backend.Url, TestKeys.NewJwtSecret());

        var report = await Probe.RunAsync(Reconfigure(mcp: new Uri(mcp.Url, "mcp")));

        Probe.AssertResult(report, CheckNames.McpHandshake, CheckOutcome.Pass, FailureKind.None);
        // The backend's refusal, reported back through the MCP hop, is a status like the probe's own refusals (issue 18).
        Probe.AssertResult(report, CheckNames.McpBackend, CheckOutcome.Fail, FailureKind.Status, "list_tasks for probe-test failed in the MCP server: the backend answered 401 to its token");
    }

    private static ProbeSettings Reconfigure(Uri? frontend = null, Uri? backend = null, Uri? mcp = null, TimeSpan? checkTimeout = null)
    {
        var settings = stack.Settings(checkTimeout: checkTimeout);
        return settings with
        {
            FrontendUrl = frontend ?? settings.FrontendUrl,
            BackendUrl = backend ?? settings.BackendUrl,
            McpUrl = mcp ?? settings.McpUrl,
        };
    }
}
