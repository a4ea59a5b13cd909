using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Provisioning.Bicep.State;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Generation;

namespace Provisioning.Operations;

/// <summary>What regenerating one environment would change against its committed state.</summary>
public sealed record EnvironmentPlan(
    string Environment,
    bool HasCommittedState,
    StateChanges Changes,
    ImmutableArray<PropertyChange> Parameters,
    ImmutableArray<CreateOnlyViolation> Violations,
    DeploymentPath CriticalPath,
    CostEstimate? CommittedCost,
    CostEstimate NextCost,
    CostEstimate? CommittedPeak,
    CostEstimate NextPeak)
{
    /// <summary>Set when the environment was generated as production and its file now names another tier.</summary>
    public TierDowngrade? TierDowngrade { get; init; }

    /// <summary>The resources a create-only change re-creates (each once, however many of its properties change).</summary>
    public ImmutableArray<string> Recreated => [.. Violations.Select(v => v.SymbolicName).Distinct(StringComparer.Ordinal)];

    /// <summary>Change of the ceiling cost: every app at maxReplicas all month.</summary>
    public decimal PeakDelta => NextPeak.Total - (CommittedPeak?.Total ?? 0m);

    public bool HasChanges => !HasCommittedState || !Changes.IsEmpty || !Parameters.IsEmpty;

    public decimal CostDelta => NextCost.Total - (CommittedCost?.Total ?? 0m);
}

/// <summary>
/// <c>plan</c>: generates every selected environment in memory (the generator's own path, nothing written) and compares
/// each new deployment state with the committed <c>generated/&lt;env&gt;/main.state.json</c>.
/// </summary>
public static class Planner
{
    /// <exception cref="ConfigurationException">An environment file or a committed state is invalid.</exception>
    public static IReadOnlyList<EnvironmentPlan> Plan(string environmentDirectory, string generatedDirectory, IReadOnlyCollection<string> only, PriceSheet sheet)
    {
        var result = GenerationRun.Generate(environmentDirectory, only);
        var plans = new List<EnvironmentPlan>();
        foreach (var configuration in result.Configurations)
        {
            var next = GeneratedState.In(result.Files, configuration.Name);
            var committed = CommittedState.TryRead(generatedDirectory, configuration.Name);
            plans.Add(Compare(configuration.Name, committed, next, sheet) with { TierDowngrade = TierGuard.Downgrade(committed, configuration) });
        }
        return plans;
    }

    public static EnvironmentPlan Compare(string environment, DeploymentState? committed, DeploymentState next, PriceSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(next);
        var changes = committed is null ? new StateChanges([.. next.Resources], [], []) : StateDiff.Compare(committed, next);
        return new EnvironmentPlan(
            environment,
            committed is not null,
            changes,
            committed is null ? [] : ParameterChanges(committed.Parameters, next.Parameters),
            CreateOnlyGuard.Check(committed, next),
            CriticalPath.Compute(next),
            committed is null ? null : CostEstimator.Estimate(environment, committed, new CostScenario(), sheet),
            CostEstimator.Estimate(environment, next, new CostScenario(), sheet),
            committed is null ? null : CostEstimator.Estimate(environment, committed, new CostScenario { AtMaxReplicas = true }, sheet),
            CostEstimator.Estimate(environment, next, new CostScenario { AtMaxReplicas = true }, sheet));
    }

    private static ImmutableArray<PropertyChange> ParameterChanges(JsonObject before, JsonObject after)
    {
        var list = ImmutableArray.CreateBuilder<PropertyChange>();
        foreach (var key in before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal))
        {
            var hasBefore = before.TryGetPropertyValue(key, out var b);
            var hasAfter = after.TryGetPropertyValue(key, out var a);
            if (!JsonNode.DeepEquals(b, a) || hasBefore != hasAfter)
            {
                list.Add(new PropertyChange("param " + key, b, a) { BeforeExists = hasBefore, AfterExists = hasAfter });
            }
        }
        return list.ToImmutable();
    }
}
