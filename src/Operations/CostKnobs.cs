using Provisioning.Environments.Configuration;

namespace Provisioning.Operations;

/// <summary>
/// One setting of an environment file that lowers the idle cost, the value that does it, and what it gives up.
/// <see cref="Apply"/> turns it on a configuration, so its effect is priced from the template the generator writes.
/// </summary>
public sealed record CostKnob(string Setting, string Value, string TradeOff, Func<EnvironmentConfiguration, EnvironmentConfiguration> Apply);

/// <summary>The knobs <c>estimate</c> offers, each a real setting of env/&lt;env&gt;.json (docs/operations.md explains them).</summary>
public static class CostKnobs
{
    private const string AlertLatency =
        "a failing check, a security failure or a silent probe is alerted up to 15 minutes later; every rule's window grows with it.";

    private const string Detection =
        "a check alerts after 3 failed runs in a row, so a failure is alerted after about 45 minutes instead of 3; apps with minReplicas 0 sleep between runs, so the probe also meets their cold starts; the fast burn-rate alert's 5-minute window mostly holds no run, so only the slow pair can fire; a deployment's verification waits up to 15 minutes for the next run.";

    // A probe hours apart leaves both burn-rate pairs' short windows (5 and 30 minutes) empty most of the time, and the
    // deployment's last stage waits for its next run.
    private const string BlindBurnRates = " The burn-rate alerts of the success criteria mostly see no run in their short windows and stay silent, and a deployment's verification waits up to that long for the probe's next run.";

    /// <summary>In the order they are turned together: a later knob of the same setting replaces an earlier one.</summary>
    public static IReadOnlyList<CostKnob> All { get; } =
    [
        new("alerts.evaluationFrequency", "\"PT15M\"", AlertLatency,
            c => c with { Alerts = c.Alerts with { EvaluationFrequency = "PT15M" } }),
        new("alerts.checkRules", "\"combined\"",
            "one alert rule for every check instead of one each, and one burn-rate rule for both window pairs: the first failing check raises it (its results name every failing check), a second check failing meanwhile raises no new notification.",
            c => c with { Alerts = c.Alerts with { CheckRules = CheckAlertRules.Combined } }),
        new("probe.schedule", "\"0 */15 * * * *\"", Detection,
            c => c with { Probe = c.Probe with { Schedule = "0 */15 * * * *" } }),
        new("probe.schedule", "\"0 0 */2 * * *\"",
            "every 2 hours: a failure is alerted after about 6 hours (3 runs) and the probe mostly meets cold starts; fit for an environment nobody relies on between deployments." + BlindBurnRates,
            c => c with { Probe = c.Probe with { Schedule = "0 0 */2 * * *" } }),
        new("probe.schedule", "\"0 0 */6 * * *\"",
            "every 6 hours: a failure is alerted after about 18 hours (3 runs) and the probe meets cold starts; for an environment whose budget must hold even if every estimated price is 50 % higher." + BlindBurnRates,
            c => c with { Probe = c.Probe with { Schedule = "0 0 */6 * * *" } }),
        new("probe.minReplicas", "0",
            "the probe's replica is started for each run by the platform's timer scale rule and stopped after: nothing billed between runs, a cold start of the Functions host before every run.",
            c => c with { Probe = c.Probe with { MinReplicas = 0 } }),
        new("probe.cpu, probe.memory", "0.25, \"0.5Gi\"",
            "half the probe's replica: a run of all checks takes longer (they run in parallel, so mostly waiting on the apps).",
            c => c with { Probe = c.Probe with { Cpu = 0.25m, Memory = "0.5Gi" } }),
    ];

    /// <summary>The knobs that change <paramref name="configuration"/>, the later of two for the same setting winning.</summary>
    public static IReadOnlyList<CostKnob> Together(EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var turned = All.Where(k => k.Apply(configuration) != configuration).ToList();
        return [.. turned.Where((k, i) => turned.Skip(i + 1).All(later => later.Setting != k.Setting))];
    }
}
