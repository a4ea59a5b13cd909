namespace Provisioning.Probes.Tests;

/// <summary>Runs checks the way hosts do: one shared HttpClient from <see cref="ProbeHttp"/>.</summary>
internal static class Probe
{
    /// <summary>Settings for tests of the database check alone: every HTTP URL points at a closed port (discard, 9).</summary>
    public static ProbeSettings DatabaseOnlySettings(string databaseUrl, TimeSpan checkTimeout) => new()
    {
        FrontendUrl = new Uri("http://127.0.0.1:9/"),
        BackendUrl = new Uri("http://127.0.0.1:9/"),
        McpUrl = new Uri("http://127.0.0.1:9/mcp"),
        JwtSecretKey = new string('k', 40),
        DatabaseUrl = databaseUrl,
        Environment = "test",
        CheckTimeout = checkTimeout,
        RunDeadline = checkTimeout * 2,
    };

    public static async Task<ProbeReport> RunAsync(ProbeSettings settings, IReadOnlyList<IProbeCheck>? checks = null)
    {
        using var http = ProbeHttp.CreateClient();
        // Bound every test even if the runner were broken: 3x the deadline is far past any correct run.
        return await ProbeRunner.RunAsync(checks ?? StandardChecks.Create(), new ProbeContext(http, settings))
            .WaitAsync(settings.RunDeadline * 3);
    }

    public static void AssertResult(ProbeReport report, string check, CheckOutcome outcome, FailureKind kind, string? reasonContains = null)
    {
        var result = report[check];
        var all = string.Join(Environment.NewLine, report.Results.Select(r => $"{r.Name} {r.Outcome} {r.Kind}: {r.Reason}"));
        Assert.AreEqual(outcome, result.Outcome, $"{check}: {result.Reason}{Environment.NewLine}{all}");
        Assert.AreEqual(kind, result.Kind, $"{check}: {result.Reason}");
        if (reasonContains is not null)
        {
            Assert.Contains(reasonContains, result.Reason, $"{check}: {result.Reason}");
        }
    }
}
