using Provisioning.Environments.Model;
using Provisioning.Local;
using Provisioning.Probes;

namespace Provisioning.EndToEnd.Tests;

/// <summary>What one scenario expects of one check.</summary>
internal sealed record Expected(string Check, CheckOutcome Outcome, FailureKind Kind, params string[] ReasonContains);

/// <summary>Runs the probe library against the local stack, with the settings its hosts would read.</summary>
internal static class E2eProbe
{
    /// <param name="jwtSecretKey">The probe's key when it differs from the stack's (rotation scenarios).</param>
    /// <param name="contractLimits">Each check keeps its contract time limit (for the tests that judge time).</param>
    /// <param name="changes">Probe variables set differently from what the stack decides (a deliberately wrong value).</param>
    public static async Task<ProbeReport> RunAsync(LocalStack stack, string? jwtSecretKey = null, bool contractLimits = false,
        IReadOnlyDictionary<string, string>? changes = null)
    {
        var variables = stack.VariablesOf(TodoSystem.Probe);
        // The same reader the Function and the CLI use, over the variables src/Local decided for the probe.
        var read = ProbeSettingsReader.Read(name => name switch
        {
            _ when changes?.TryGetValue(name, out var changed) == true => changed,
            SettingNames.JwtSecretKey when jwtSecretKey is not null => jwtSecretKey,
            SettingNames.CheckTimeoutSeconds when contractLimits => null,
            // Roomier than the deployed defaults (10 s, 45 s): these tests judge answers, not speed, and share two
            // cores with the rest of the suite (a cold database check took 10 s at a load average of 25).
            SettingNames.CheckTimeoutSeconds => "30",
            SettingNames.RunDeadlineSeconds => "60",
            _ => variables.GetValueOrDefault(name),
        }, "local stack variable");
        Assert.IsTrue(read.IsValid, read.Describe("the local stack's probe variables are not usable:"));
        using var http = ProbeHttp.CreateClient();
        var settings = read.Settings!;
        return await ProbeRunner.RunAsync(StandardChecks.Create(), new ProbeContext(http, settings)).WaitAsync(settings.RunDeadline * 2);
    }

    /// <summary>
    /// One scenario of a broken component: <paramref name="component"/> restarted with <paramref name="changes"/>, the
    /// probe run against it, and the component restarted as the stack decides whatever happened, so the next scenario
    /// starts from a healthy stack.
    /// </summary>
    public static async Task<ProbeReport> RunBrokenAsync(LocalStack stack, string component, IReadOnlyDictionary<string, string> changes)
    {
        await stack.RestartComponentAsync(component, changes);
        try
        {
            return await RunAsync(stack);
        }
        finally
        {
            await stack.RestartComponentAsync(component);
        }
    }

    public static void AllGreen(ProbeReport report)
    {
        CollectionAssert.AreEqual(StandardChecks.Names.ToList(), report.Results.Select(r => r.Name).ToList());
        Assert.IsTrue(report.AllPassed, "expected every check to pass:" + Environment.NewLine + Describe(report));
    }

    /// <summary>Exactly the expected checks go red, with the expected outcome, kind and reason; the rest pass or are skipped.</summary>
    public static void OnlyRed(ProbeReport report, params Expected[] red)
    {
        var all = Describe(report);
        foreach (var expected in red)
        {
            var result = report[expected.Check];
            Assert.AreEqual(expected.Outcome, result.Outcome, $"{expected.Check}: {result.Reason}{Environment.NewLine}{all}");
            Assert.AreEqual(expected.Kind, result.Kind, $"{expected.Check}: {result.Reason}");
            foreach (var part in expected.ReasonContains)
            {
                Assert.Contains(part, result.Reason, $"{expected.Check}'s reason");
            }
        }
        var names = red.Select(e => e.Check).ToHashSet(StringComparer.Ordinal);
        var others = report.Results.Where(r => !names.Contains(r.Name) && r.Outcome is not (CheckOutcome.Pass or CheckOutcome.Skipped)).ToList();
        Assert.IsEmpty(others, "only the expected checks may go red:" + Environment.NewLine + all);
    }

    public static string Describe(ProbeReport report) =>
        string.Join(Environment.NewLine, report.Results.Select(r => $"  {r.Name} {OutcomeText.Of(r.Outcome)} [{r.Kind}]: {r.Reason}"));
}
