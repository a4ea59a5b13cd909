namespace Provisioning.Probes.Tests;

/// <summary>Runs checks the way hosts do: one shared HttpClient from <see cref="ProbeHttp"/>.</summary>
internal static class Probe
{
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
