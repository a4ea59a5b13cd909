using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Network;

/// <summary>
/// A subnet declared inside its virtual network. Declaring subnets inline (not as child resources) keeps a
/// redeployment of the network from trying to delete them.
/// </summary>
public sealed record SubnetSpec(string Name, string AddressPrefix) : IBicepSerializable
{
    /// <summary>Delegation for Container Apps environments with workload profiles.</summary>
    public const string ContainerAppsDelegation = "Microsoft.App/environments";

    /// <summary>Delegation for VNet-integrated PostgreSQL flexible servers.</summary>
    public const string PostgreSqlDelegation = "Microsoft.DBforPostgreSQL/flexibleServers";

    /// <summary>Service names the subnet is delegated to (at most one in practice).</summary>
    public ImmutableArray<string> Delegations { get; init; } = [];

    /// <summary><c>Enabled</c> applies NSGs/route tables to private endpoints in the subnet.</summary>
    public BicepValue<string> PrivateEndpointNetworkPolicies { get; init; }

    /// <summary>Service endpoints such as <c>Microsoft.KeyVault</c>.</summary>
    public ImmutableArray<string> ServiceEndpoints { get; init; } = [];

    public static SubnetSpec DelegatedTo(string name, string addressPrefix, string service) =>
        new(name, addressPrefix) { Delegations = [service] };

    public BicepExpression ToExpression() => new BicepObjectBuilder()
        .Add("name", (BicepExpression)Name)
        .AddObject("properties", p => p
            .Add("addressPrefix", (BicepExpression)AddressPrefix)
            .AddArray("delegations", Delegations.Select(d => (BicepExpression)Syntax.Bicep.Object(
                Syntax.Bicep.Prop("name", d.Replace('/', '-')),
                Syntax.Bicep.Prop("properties", Syntax.Bicep.Object(Syntax.Bicep.Prop("serviceName", d))))))
            .AddArray("serviceEndpoints", ServiceEndpoints.Select(s => (BicepExpression)Syntax.Bicep.Object(Syntax.Bicep.Prop("service", s))))
            .Add("privateEndpointNetworkPolicies", PrivateEndpointNetworkPolicies))
        .Build();
}
