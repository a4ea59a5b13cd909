using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Network;

/// <summary>
/// A private endpoint (<c>Microsoft.Network/privateEndpoints</c>): a NIC in <see cref="SubnetId"/> that reaches one
/// sub-resource (<see cref="GroupId"/>, e.g. <c>vault</c> or <c>blob</c>) of <see cref="PrivateLinkServiceId"/>.
/// Pair it with a <see cref="PrivateDnsZoneGroup"/> so the service's name resolves to the private address.
/// </summary>
public sealed record PrivateEndpoint(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Network/privateEndpoints";

    public override string ApiVersion => NetworkApi.Version;

    public override NamingRule? NamingRule => AzureNames.PrivateEndpoint;

    public BicepValue<string> SubnetId { get; init; }

    public BicepValue<string> PrivateLinkServiceId { get; init; }

    public string GroupId { get; init; } = "";

    public BicepValue<string> CustomNetworkInterfaceName { get; init; }

    protected override void WriteBody(BicepObjectBuilder body) => body.AddObject("properties", p => p
        .AddObject("subnet", s => s.Add("id", SubnetId))
        .Add("customNetworkInterfaceName", CustomNetworkInterfaceName)
        .AddArray("privateLinkServiceConnections", ImmutableArray.Create<BicepExpression>(new BicepObjectBuilder()
            .Add("name", (BicepExpression)GroupId)
            .AddObject("properties", c => c
                .Add("privateLinkServiceId", PrivateLinkServiceId)
                .AddArray("groupIds", [(BicepExpression)GroupId]))
            .Build())));
}
