namespace Provisioning.Operations;

/// <summary>A what-if: the same environment with one or more knobs turned, and what it would cost idle.</summary>
public sealed record WhatIf(string Knob, string Setting, bool InEnvironmentFile, string TradeOff, decimal IdleMonthly);

/// <summary>Whether an environment's idle cost meets a budget, and if not, what stands in the way and which knobs help.</summary>
public sealed record BudgetAdvice(decimal Budget, decimal IdleMonthly, IReadOnlyList<CostLine> Blockers, IReadOnlyList<WhatIf> WhatIfs, IReadOnlyList<string> Remaining)
{
    public bool Met => IdleMonthly <= Budget;

    /// <summary>The budget target of the issue: dev idle under 30 USD a month. Other environments have none unless asked.</summary>
    public static decimal? DefaultBudget(string environment) => environment == "dev" ? 30m : null;

    public static BudgetAdvice For(string environment, Bicep.State.DeploymentState state, decimal budget, PriceSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(sheet);
        var idle = CostEstimator.Estimate(environment, state, new CostScenario(), sheet);
        var blockers = idle.Lines.Where(l => l.Monthly > 0).OrderByDescending(l => l.Monthly).ToList();
        // The lines that together account for the excess, largest first.
        var chosen = new List<CostLine>();
        var excess = idle.Total - budget;
        foreach (var line in blockers)
        {
            if (excess <= 0)
            {
                break;
            }
            chosen.Add(line);
            excess -= line.Monthly;
        }
        decimal Cost(CostScenario s) => CostEstimator.Estimate(environment, state, s, sheet).Total;
        const string Alerts = "Alert latency grows to the evaluation frequency (a failing check is noticed up to 15 min later); the 'probe silent' window must stay longer than the frequency.";
        const string Probe15 = "A failure is detected after 3 failed runs: 45 min instead of 3 min; apps with minReplicas 0 scale to zero between runs, so the probe also measures cold starts.";
        const string Probe60 = "Detection after 3 hours; the probe then mostly checks cold starts. Reasonable for dev only.";
        List<WhatIf> whatIfs =
        [
            new("alert evaluation frequency", "PT15M", false, Alerts, Cost(new CostScenario { AlertFrequency = "PT15M" })),
            new("probe.schedule", "0 */15 * * * *", true, Probe15, Cost(new CostScenario { ProbeSchedule = "0 */15 * * * *" })),
            new("probe.schedule + alert frequency", "0 */15 * * * * + PT15M", false, Probe15 + " " + Alerts, Cost(new CostScenario { ProbeSchedule = "0 */15 * * * *", AlertFrequency = "PT15M" })),
            new("probe.schedule + alert frequency", "0 0 */1 * * * + PT15M", false, Probe60, Cost(new CostScenario { ProbeSchedule = "0 0 */1 * * *", AlertFrequency = "PT15M" })),
        ];
        var best = whatIfs.Min(w => w.IdleMonthly);
        var remaining = new List<string>();
        if (best > budget)
        {
            remaining.Add($"Even the cheapest what-if ({CostEstimator.Fmt(best)} {sheet.Currency}) stays above {CostEstimator.Fmt(budget)} {sheet.Currency}: what is left is the always-on PostgreSQL server, the registry's daily fee, the probe app's own replica (always on, idle rate between runs) and one alert rule per probe check.");
            remaining.Add("Knobs that would exist (not in the environment file today): probe.enabled=false for dev (no probe replica, no check alerts; nothing watches dev), probe.cpu/probe.memory (0.25 vCPU / 0.5 GiB halves the probe replica), alerts.evaluationFrequency, one shared registry for dev and staging, and stopping the dev database outside working hours (Azure restarts a stopped server after 7 days).");
        }
        return new BudgetAdvice(budget, idle.Total, chosen, whatIfs, remaining);
    }
}
