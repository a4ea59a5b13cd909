using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Provisioning.ProbeServers;

namespace Provisioning.Probes.Tests;

/// <summary>
/// <c>backend.authz</c> against the C# contract backend: a backend that authenticates perfectly but authorizes
/// wrongly is a security failure of exactly that check, and the reason says which mistake it made.
/// </summary>
[TestClass]
public sealed class AuthorizationTests
{
    [TestMethod]
    public async Task A_contract_backend_refuses_the_peer_user_with_403_with_and_without_an_identity_header()
    {
        await using var stack = await TodoStack.StartAsync();

        var report = await Probe.RunAsync(stack.Settings());

        Probe.AssertResult(report, CheckNames.BackendAuthz, CheckOutcome.Pass, FailureKind.None, "X-User-ID: probe-test-peer");
        Assert.AreEqual(TodoSystem.Backend, report[CheckNames.BackendAuthz].Component);
    }

    [TestMethod]
    public async Task A_backend_that_trusts_the_identity_header_is_a_security_failure_of_authz_only()
    {
        await using var stack = await TodoStack.StartAsync(backend: new BackendOptions(Authz: BackendAuthzFault.TrustsUserHeader));

        var report = await Probe.RunAsync(stack.Settings());

        Probe.AssertResult(report, CheckNames.BackendAuthz, CheckOutcome.SecurityFail, FailureKind.Security,
            "200 with X-User-ID: probe-test-peer: it trusts the X-User-ID header");
        Assert.DoesNotContain("no identity header", report[CheckNames.BackendAuthz].Reason);
        Probe.AssertResult(report, CheckNames.BackendAuthRejects, CheckOutcome.Pass, FailureKind.None);
        Probe.AssertResult(report, CheckNames.BackendAuthAccepts, CheckOutcome.Pass, FailureKind.None);
    }

    [TestMethod]
    public async Task A_backend_that_lets_a_valid_token_read_another_users_tasks_is_a_security_failure_of_authz_only()
    {
        await using var stack = await TodoStack.StartAsync(backend: new BackendOptions(Authz: BackendAuthzFault.SkipsOwnerCheck));

        var report = await Probe.RunAsync(stack.Settings());

        Probe.AssertResult(report, CheckNames.BackendAuthz, CheckOutcome.SecurityFail, FailureKind.Security,
            "200 with no identity header, 200 with X-User-ID: probe-test-peer: it does not compare the token's sub with the user in the path");
        Probe.AssertResult(report, CheckNames.BackendAuthRejects, CheckOutcome.Pass, FailureKind.None);
        Assert.AreEqual(CheckOutcome.SecurityFail, report.Overall);
    }

    [TestMethod]
    public async Task A_backend_refusing_the_peer_with_another_status_fails_authz_naming_the_status()
    {
        // Refuses everything with 401, except that the probe's own valid token reads its own tasks: the answer on the
        // peer's path is neither 403 nor 2xx.
        await using var stack = await TodoStack.StartAsync();
        var settings = stack.Settings();
        await using var odd = await LoopbackServer.StartAsync(null, app =>
        {
            app.MapGet("/api/{userId}/tasks", (string userId) => userId == settings.ProbeUserId
                ? Results.Json(Array.Empty<object>())
                : Results.Json(new { detail = "no such user" }, statusCode: 404));
        });
        var check = new Checks.BackendAuthzCheck();
        using var http = ProbeHttp.CreateClient();

        var verdict = await check.RunAsync(new ProbeContext(http, settings with { BackendUrl = odd.Url }), CancellationToken.None);

        Assert.AreEqual(CheckOutcome.Fail, verdict.Outcome, verdict.Reason);
        Assert.AreEqual(FailureKind.Status, verdict.Kind);
        Assert.Contains("expected 403, got 404 NotFound with no identity header (backend said \"no such user\")", verdict.Reason);
    }
}
