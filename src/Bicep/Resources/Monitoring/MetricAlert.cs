using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Monitoring;

/// <summary>One static-threshold condition of a metric alert.</summary>
public sealed record MetricCriterion(string Name, string MetricName, string MetricNamespace, string Operator, long Threshold, string TimeAggregation)
    : IBicepSerializable
{
    public BicepExpression ToExpression() => Syntax.Bicep.Object(
        Syntax.Bicep.Prop("name", Name),
        Syntax.Bicep.Prop("criterionType", "StaticThresholdCriterion"),
        Syntax.Bicep.Prop("metricName", MetricName),
        Syntax.Bicep.Prop("metricNamespace", MetricNamespace),
        Syntax.Bicep.Prop("operator", Operator),
        Syntax.Bicep.Prop("threshold", Threshold),
        Syntax.Bicep.Prop("timeAggregation", TimeAggregation));
}

/// <summary>
/// A metric alert on one resource (<c>Microsoft.Insights/metricAlerts</c>, a global resource): fires when every
/// criterion holds over <see cref="WindowSize"/>, evaluated every <see cref="EvaluationFrequency"/>.
/// </summary>
public sealed record MetricAlert(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Insights/metricAlerts";

    // The newest stable version known to the bundled Bicep types.
    public override string ApiVersion => "2026-01-01";

    public override NamingRule? NamingRule => AzureNames.MonitorResource;

    public BicepValue<string> Description { get; init; }

    public BicepValue<int> Severity { get; init; } = 2;

    public BicepValue<bool> Enabled { get; init; } = true;

    public ImmutableArray<BicepValue<string>> Scopes { get; init; } = [];

    public BicepValue<string> EvaluationFrequency { get; init; } = "PT1M";

    public BicepValue<string> WindowSize { get; init; } = "PT5M";

    public ImmutableArray<MetricCriterion> Criteria { get; init; } = [];

    public BicepValue<bool> AutoMitigate { get; init; } = true;

    public ImmutableArray<BicepValue<string>> ActionGroupIds { get; init; } = [];

    protected override void WriteBody(BicepObjectBuilder body) => body.AddObject("properties", p =>
    {
        p.Add("description", Description);
        p.Add("severity", Severity);
        p.Add("enabled", Enabled);
        p.AddArray("scopes", Scopes.Select(s => s.ToExpression()));
        p.Add("evaluationFrequency", EvaluationFrequency);
        p.Add("windowSize", WindowSize);
        p.AddObject("criteria", c => c
            .Add("odata.type", (BicepExpression)"Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria")
            .AddArray("allOf", Criteria));
        p.Add("autoMitigate", AutoMitigate);
        p.AddArray("actions", ActionGroupIds.Select(id => (BicepExpression)Syntax.Bicep.Object(Syntax.Bicep.Prop("actionGroupId", id.ToExpression()))));
    });
}
