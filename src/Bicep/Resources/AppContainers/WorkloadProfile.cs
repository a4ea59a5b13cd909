using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>A workload profile of a Container Apps environment: the serverless <see cref="Consumption"/> one or dedicated capacity.</summary>
public sealed record WorkloadProfile(string Name, string WorkloadProfileType) : IBicepSerializable
{
    /// <summary>The serverless profile; apps that name no profile run here.</summary>
    public static WorkloadProfile Consumption { get; } = new("Consumption", "Consumption");

    /// <summary>For dedicated profiles (e.g. <c>D4</c>) only.</summary>
    public BicepValue<int> MinimumCount { get; init; }

    public BicepValue<int> MaximumCount { get; init; }

    public BicepExpression ToExpression() => new BicepObjectBuilder()
        .Add("name", (BicepExpression)Name)
        .Add("workloadProfileType", (BicepExpression)WorkloadProfileType)
        .Add("minimumCount", MinimumCount)
        .Add("maximumCount", MaximumCount)
        .Build();
}
