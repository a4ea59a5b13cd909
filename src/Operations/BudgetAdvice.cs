using Provisioning.Bicep.State;
using Provisioning.Environments.Configuration;

namespace Provisioning.Operations;

/// <summary>The environment with one or more knobs of its file turned, and what it would cost idle.</summary>
public sealed record WhatIf(IReadOnlyList<CostKnob> Knobs, CostEstimate Estimate)
{
    public decimal IdleMonthly => Estimate.Total;

    /// <summary><c>probe.schedule = "0 */15 * * * *"</c>, several joined with commas.</summary>
    public string Settings => string.Join(", ", Knobs.Select(k => $"{k.Setting} = {k.Value}"));
}

/// <summary>
/// Whether an environment's idle cost meets a budget, and if not, what stands in the way, which knobs of its
/// environment file help (each alone and all together) and what is left when every one is turned.
/// </summary>
public sealed record BudgetAdvice(decimal Budget, decimal IdleMonthly, IReadOnlyList<CostLine> Blockers, IReadOnlyList<WhatIf> WhatIfs, WhatIf? Together)
{
    public bool Met => IdleMonthly <= Budget;

    /// <summary>Whether turning every knob together meets the budget.</summary>
    public bool MetWithKnobs => Together is { } t && t.IdleMonthly <= Budget;

    /// <summary>
    /// The idle cost with every knob turned if every estimated figure were as far off, upwards, as the price sheet
    /// allows: the budget is only really met when this is within it too.
    /// </summary>
    public decimal? TogetherWorstCase { get; init; }

    /// <summary>Whether the knobs meet the budget with margin for the uncertainty of the estimated figures.</summary>
    public bool MetWithKnobsDespiteEstimates => TogetherWorstCase is { } worst && worst <= Budget;

    /// <summary>The budget target of the issue: dev idle under 30 USD a month. Other environments have none unless asked.</summary>
    public static decimal? DefaultBudget(string environment) => environment == "dev" ? 30m : null;

    /// <summary>
    /// The advice for <paramref name="state"/> (the committed deployment). Each knob is turned on
    /// <paramref name="configuration"/> (the environment file; null when there is none, then no knob is offered), the
    /// template is generated in memory and priced like the committed one; a knob the file already has, or one the
    /// configuration rules would refuse for this environment, is left out.
    /// </summary>
    public static BudgetAdvice For(string environment, DeploymentState state, EnvironmentConfiguration? configuration, decimal budget, PriceSheet sheet)
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
        if (configuration is null)
        {
            return new BudgetAdvice(budget, idle.Total, chosen, [], null);
        }

        WhatIf? Turn(IReadOnlyList<CostKnob> knobs)
        {
            var changed = knobs.Aggregate(configuration, (c, knob) => knob.Apply(c));
            return ConfigurationRules.Check(changed).Count > 0
                ? null
                : new WhatIf(knobs, CostEstimator.Estimate(environment, GeneratedState.Of(changed), new CostScenario(), sheet));
        }
        var single = CostKnobs.All.Where(k => k.Apply(configuration) != configuration).Select(k => Turn([k])).OfType<WhatIf>().ToList();
        var together = CostKnobs.Together(configuration) is { Count: > 1 } all ? Turn(all) : null;
        return new BudgetAdvice(budget, idle.Total, chosen, single, together) { TogetherWorstCase = together?.Estimate.WorstCase(sheet) };
    }
}
