using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Monitoring;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.State;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>
/// A Container Apps managed environment (<c>Microsoft.App/managedEnvironments</c>): the network and logging boundary
/// its apps, jobs and Functions containers share. Apps with internal ingress are reachable only from inside it.
/// </summary>
public sealed record ContainerAppsEnvironment(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.App/managedEnvironments";

    // Newest stable version known to the bundled Bicep types; container apps and jobs use the same one.
    public override string ApiVersion => ContainerAppsApi.Version;

    public override NamingRule? NamingRule => AzureNames.ContainerAppsEnvironment;

    /// <summary>Workload-profiles environments (the current kind) with the serverless Consumption profile by default.</summary>
    public ImmutableArray<WorkloadProfile> WorkloadProfiles { get; init; } = [WorkloadProfile.Consumption];

    /// <summary>Where console and system logs go; its key reaches the environment through a secure sink.</summary>
    public LogAnalyticsWorkspace? LogAnalytics { get; init; }

    /// <summary>Replicas spread over availability zones; requires <see cref="InfrastructureSubnetId"/>.</summary>
    public BicepValue<bool> ZoneRedundant { get; init; }

    /// <summary>The subnet the environment is injected into (delegated to <c>Microsoft.App/environments</c>).</summary>
    public BicepValue<string> InfrastructureSubnetId { get; init; }

    /// <summary>True: the environment has no public endpoint at all (a VNet-only environment).</summary>
    public BicepValue<bool> Internal { get; init; }

    // Static: a per-instance array would take part in record equality by reference.
    private static readonly ImmutableArray<CreateOnlyProperty> Declared =
    [
        CreateOnlyProperty.Immutable(
            "properties.vnetConfiguration.infrastructureSubnetId",
            "The environment's network (a generated one, or a subnet of your VNet) is chosen when it is created.",
            "Microsoft Learn: \"Networking in Azure Container Apps environment\" (\"Once you create an environment with either a generated or existing VNet, the network type can't be changed.\")"),
        CreateOnlyProperty.Immutable(
            "properties.vnetConfiguration.internal",
            "Whether the environment has a public endpoint (external) or only a VNet one (internal) is chosen when it is created.",
            "Microsoft Learn: \"Networking in Azure Container Apps environment\" (the virtual IP is set when the environment is created; `az containerapp env update` has no --internal-only)",
            defaultJson: "false"),
        CreateOnlyProperty.Immutable(
            "properties.zoneRedundant",
            "Zone redundancy is chosen when the environment is created.",
            "PSRule for Azure Azure.ContainerApp.AvailabilityZone, after Microsoft Learn \"Reliability in Azure Container Apps\" (\"Zone redundancy can only be enabled at initial environment creation.\")",
            defaultJson: "false"),
    ];

    public override ImmutableArray<CreateOnlyProperty> CreateOnlyProperties => Declared;

    public override string RecreateConsequence =>
        "an environment can only be deleted once its apps and jobs are gone, so every container app, job and Functions app in it is " +
        "deleted and re-created too: their revisions and replicas go, their default domain (every app URL) changes, and the first " +
        "deployment of the new environment must wait for images and Key Vault grants again.";

    /// <summary><c>x.properties.defaultDomain</c>, the suffix of every app's FQDN.</summary>
    public BicepExpression DefaultDomain => PropertyReference("defaultDomain");

    protected override void WriteBody(BicepObjectBuilder body) => body.AddObject("properties", p =>
    {
        if (LogAnalytics is { } workspace)
        {
            p.AddObject("appLogsConfiguration", logs => logs
                .Add("destination", (BicepExpression)"log-analytics")
                .AddObject("logAnalyticsConfiguration", la => la
                    .Add("customerId", workspace.CustomerId)
                    .Add("sharedKey", Syntax.Bicep.Secure(workspace.PrimarySharedKey))));
        }
        p.AddObject("vnetConfiguration", vnet => vnet
            .Add("infrastructureSubnetId", InfrastructureSubnetId)
            .Add("internal", Internal));
        p.Add("zoneRedundant", ZoneRedundant);
        p.AddArray("workloadProfiles", WorkloadProfiles);
    });
}
