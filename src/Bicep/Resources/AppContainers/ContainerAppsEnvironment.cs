using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Monitoring;
using Provisioning.Bicep.Resources.Shared;
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

    /// <summary><c>x.properties.defaultDomain</c>, the suffix of every app's FQDN.</summary>
    public BicepExpression DefaultDomain => PropertyReference("defaultDomain");

    public BicepExpression StaticIp => PropertyReference("staticIp");

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
