using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>A workload profile of a Container Apps environment; only the serverless <see cref="Consumption"/> one is used.</summary>
public sealed record WorkloadProfile(string Name, string WorkloadProfileType) : IBicepSerializable
{
    /// <summary>The serverless profile; apps that name no profile run here.</summary>
    public static WorkloadProfile Consumption { get; } = new("Consumption", "Consumption");

    public BicepExpression ToExpression() => new BicepObjectBuilder()
        .Add("name", (BicepExpression)Name)
        .Add("workloadProfileType", (BicepExpression)WorkloadProfileType)
        .Build();
}
