using Provisioning.ProbeServers;

namespace Provisioning.Probes.Tests;

[TestClass]
public sealed class HealthyStackTests
{
    [TestMethod]
    public async Task Every_http_and_mcp_check_passes_against_a_contract_conforming_stack()
    {
        await using var stack = await TodoStack.StartAsync();

        var report = await Probe.RunAsync(stack.Settings());

        CollectionAssert.AreEqual(StandardChecks.Names.ToList(), report.Results.Select(r => r.Name).ToList());
        foreach (var name in StandardChecks.Names.Where(n => n != CheckNames.DatabaseSchema))
        {
            Probe.AssertResult(report, name, CheckOutcome.Pass, FailureKind.None);
        }
        Assert.AreEqual("frontend", report[CheckNames.FrontendConfig].Component);
        Assert.AreEqual("mcp", report[CheckNames.McpBackend].Component);
        Assert.IsTrue(report.Results.All(r => r.Duration > TimeSpan.Zero && r.Reason.Length > 0));
    }

    [TestMethod]
    [DataRow("2025-11-25", DisplayName = "2025 initialize handshake with sessions")]
    [DataRow("2026-07-28", DisplayName = "newer server/discover revision, stateless")]
    public async Task The_mcp_checks_pass_whichever_protocol_revision_the_server_speaks(string version)
    {
        await using var stack = await TodoStack.StartAsync(mcp: new McpOptions(ProtocolVersion: version));

        var report = await Probe.RunAsync(stack.Settings());

        Probe.AssertResult(report, CheckNames.McpHandshake, CheckOutcome.Pass, FailureKind.None, version);
        Probe.AssertResult(report, CheckNames.McpBackend, CheckOutcome.Pass, FailureKind.None);
    }
}
