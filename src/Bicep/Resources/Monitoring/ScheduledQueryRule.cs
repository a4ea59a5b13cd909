using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Monitoring;

/// <summary>
/// A log search alert (<c>Microsoft.Insights/scheduledQueryRules</c>): a KQL query run every
/// <see cref="EvaluationFrequency"/> over <see cref="WindowSize"/>, firing when its row count (or an aggregated
/// measure) crosses <see cref="Threshold"/> in <see cref="MinFailingPeriodsToAlert"/> of the last
/// <see cref="NumberOfEvaluationPeriods"/> evaluations. "Went silent" checks use operator <c>LessThan</c> threshold 1.
/// </summary>
public sealed record ScheduledQueryRule(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Insights/scheduledQueryRules";

    // The newest stable version known to the bundled Bicep types.
    public override string ApiVersion => "2026-03-01";

    public override NamingRule? NamingRule => AzureNames.MonitorResource;

    public BicepValue<string> DisplayName { get; init; }

    public BicepValue<string> Description { get; init; }

    /// <summary>0 (critical) to 4 (verbose).</summary>
    public BicepValue<int> Severity { get; init; } = 2;

    public BicepValue<bool> Enabled { get; init; } = true;

    /// <summary>Resource ids the query runs against, usually the Log Analytics workspace.</summary>
    public ImmutableArray<BicepValue<string>> Scopes { get; init; } = [];

    /// <summary>ISO 8601 duration, e.g. <c>PT5M</c>.</summary>
    public BicepValue<string> EvaluationFrequency { get; init; } = "PT5M";

    public BicepValue<string> WindowSize { get; init; } = "PT5M";

    public BicepValue<string> Query { get; init; }

    /// <summary><c>Count</c>, <c>Average</c>, <c>Minimum</c>, <c>Maximum</c> or <c>Total</c>.</summary>
    public BicepValue<string> TimeAggregation { get; init; } = "Count";

    /// <summary>The column aggregated when <see cref="TimeAggregation"/> is not <c>Count</c>.</summary>
    public BicepValue<string> MetricMeasureColumn { get; init; }

    /// <summary><c>GreaterThan</c>, <c>GreaterThanOrEqual</c>, <c>LessThan</c>, <c>LessThanOrEqual</c> or <c>Equals</c>.</summary>
    public BicepValue<string> Operator { get; init; } = "GreaterThan";

    public BicepValue<int> Threshold { get; init; } = 0;

    public BicepValue<int> NumberOfEvaluationPeriods { get; init; } = 1;

    public BicepValue<int> MinFailingPeriodsToAlert { get; init; } = 1;

    /// <summary>Resolve the alert by itself once the condition no longer holds.</summary>
    public BicepValue<bool> AutoMitigate { get; init; } = true;

    /// <summary>Action group resource ids.</summary>
    public ImmutableArray<BicepValue<string>> ActionGroupIds { get; init; } = [];

    protected override void WriteBody(BicepObjectBuilder body)
    {
        body.Add("kind", (BicepExpression)"LogAlert");
        body.AddObject("properties", p =>
        {
            p.Add("displayName", DisplayName);
            p.Add("description", Description);
            p.Add("severity", Severity);
            p.Add("enabled", Enabled);
            p.AddArray("scopes", Scopes.Select(s => s.ToExpression()));
            p.Add("evaluationFrequency", EvaluationFrequency);
            p.Add("windowSize", WindowSize);
            p.AddObject("criteria", c => c.AddArray("allOf", [new BicepObjectBuilder()
                .Add("query", Query)
                .Add("timeAggregation", TimeAggregation)
                .Add("metricMeasureColumn", MetricMeasureColumn)
                .Add("operator", Operator)
                .Add("threshold", Threshold)
                .AddObject("failingPeriods", f => f
                    .Add("numberOfEvaluationPeriods", NumberOfEvaluationPeriods)
                    .Add("minFailingPeriodsToAlert", MinFailingPeriodsToAlert))
                .Build()]));
            p.Add("autoMitigate", AutoMitigate);
            p.AddObject("actions", a => a.AddArray("actionGroups", ActionGroupIds.Select(id => id.ToExpression())));
        });
    }
}
