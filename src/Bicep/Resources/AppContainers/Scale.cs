using System.Collections.Immutable;
using System.Globalization;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>An HTTP scale rule: add a replica per <see cref="ConcurrentRequests"/> in-flight requests.</summary>
public sealed record HttpScaleRule(string Name, int ConcurrentRequests) : IBicepSerializable
{
    public BicepExpression ToExpression() => Syntax.Bicep.Object(
        Syntax.Bicep.Prop("name", Name),
        // Scale-rule metadata values are strings in the API, even numeric ones.
        Syntax.Bicep.Prop("http", Syntax.Bicep.Object(Syntax.Bicep.Prop("metadata", Syntax.Bicep.Object(
            Syntax.Bicep.Prop("concurrentRequests", ConcurrentRequests.ToString(CultureInfo.InvariantCulture)))))));
}

/// <summary>Replica bounds and rules. Min 0 lets an app scale to zero (first request pays a cold start).</summary>
public sealed record Scale(int MinReplicas, int MaxReplicas) : IBicepSerializable
{
    public ImmutableArray<HttpScaleRule> Rules { get; init; } = [];

    public BicepExpression ToExpression() => new BicepObjectBuilder()
        .Add("minReplicas", (BicepExpression)MinReplicas)
        .Add("maxReplicas", (BicepExpression)MaxReplicas)
        .AddArray("rules", Rules)
        .Build();
}
