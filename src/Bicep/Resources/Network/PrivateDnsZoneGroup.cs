using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Network;

/// <summary>
/// Registers a private endpoint's address in a private DNS zone (<c>…/privateEndpoints/privateDnsZoneGroups</c>);
/// set <see cref="Resource.Parent"/> to the endpoint.
/// </summary>
public sealed record PrivateDnsZoneGroup(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Network/privateEndpoints/privateDnsZoneGroups";

    public override string ApiVersion => NetworkApi.Version;

    public override NamingRule? NamingRule => AzureNames.PrivateDnsZoneGroup;

    public PrivateDnsZone? Zone { get; init; }

    protected override void WriteBody(BicepObjectBuilder body)
    {
        if (Zone is null)
        {
            return;
        }
        body.AddObject("properties", p => p.AddArray("privateDnsZoneConfigs", [Syntax.Bicep.Object(
            // Config names allow no dots; the zone's symbol is a valid, stable name.
            Syntax.Bicep.Prop("name", Zone.Identifier),
            Syntax.Bicep.Prop("properties", Syntax.Bicep.Object(Syntax.Bicep.Prop("privateDnsZoneId", Zone.Id))))]));
    }
}
