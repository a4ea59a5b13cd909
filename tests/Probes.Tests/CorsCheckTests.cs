using Provisioning.Probes.Checks;
using Provisioning.ProbeServers;

namespace Provisioning.Probes.Tests;

/// <summary>
/// Issue 18.2, <c>frontend.backend</c> against the C# stand-in backend's CORS answers (the Python fixture's Starlette
/// answers are proven in tests/EndToEnd.Tests/ProbeTruthTests): exactly the frontend's origin passes, any origin with
/// credentials is a security failure, a refused frontend origin fails naming FRONTEND_URL.
/// </summary>
[TestClass]
public sealed class CorsCheckTests
{
    private static async Task<ProbeReport> RunAsync(BackendCors cors)
    {
        await using var stack = await TodoStack.StartAsync(backend: new BackendOptions(Cors: cors));
        return await Probe.RunAsync(stack.Settings(), [new BackendHealthCheck(), new BackendAuthAcceptsCheck(), new FrontendBackendCheck()]);
    }

    [TestMethod]
    public async Task Exactly_the_frontends_origin_passes()
    {
        var report = await RunAsync(BackendCors.Exact);

        Probe.AssertResult(report, CheckNames.FrontendBackend, CheckOutcome.Pass, FailureKind.None, "the backend allows exactly http://127.0.0.1:");
    }

    [TestMethod]
    public async Task Any_origin_with_credentials_is_a_security_failure()
    {
        var report = await RunAsync(BackendCors.AnyOriginWithCredentials);

        Probe.AssertResult(report, CheckNames.FrontendBackend, CheckOutcome.SecurityFail, FailureKind.Security,
            $"Origin: {FrontendBackendCheck.ForeignOrigin} answered Access-Control-Allow-Origin: {FrontendBackendCheck.ForeignOrigin} and Access-Control-Allow-Credentials: true");
        Assert.IsTrue(report.HasSecurityFailure);
    }

    [TestMethod]
    public async Task A_refused_frontend_origin_fails_naming_FRONTEND_URL()
    {
        var report = await RunAsync(BackendCors.RefusesFrontend);

        Probe.AssertResult(report, CheckNames.FrontendBackend, CheckOutcome.Fail, FailureKind.Cors, $"set the backend's {SettingNames.FrontendUrl} to");
        StringAssert.Contains(report[CheckNames.FrontendBackend].Reason, "answered 400");
    }

    [TestMethod]
    public void The_origin_is_scheme_host_and_port_of_FRONTEND_URL()
    {
        Assert.AreEqual("https://todo.example", FrontendBackendCheck.OriginOf(new Uri("https://Todo.example/app/")));
        Assert.AreEqual("http://127.0.0.1:3000", FrontendBackendCheck.OriginOf(new Uri("http://127.0.0.1:3000/")));
    }
}
