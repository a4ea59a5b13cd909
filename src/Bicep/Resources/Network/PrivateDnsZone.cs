using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Network;

/// <summary>
/// A private DNS zone (<c>Microsoft.Network/privateDnsZones</c>) such as <c>privatelink.vaultcore.azure.net</c>.
/// DNS zones are global: <see cref="Resource.Location"/> defaults to <c>'global'</c>.
/// </summary>
public sealed record PrivateDnsZone(string Identifier) : Resource(Identifier)
{
    public PrivateDnsZone(string identifier, string zoneName)
        : this(identifier)
    {
        Name = zoneName;
        Location = "global";
    }

    public override string ResourceType => "Microsoft.Network/privateDnsZones";

    public override string ApiVersion => NetworkApi.PrivateDnsVersion;

    public override NamingRule? NamingRule => AzureNames.PrivateDnsZone;

    protected override void WriteBody(BicepObjectBuilder body)
    {
        // A zone has no settable properties.
    }
}

/// <summary>Links a private DNS zone to a virtual network (<c>…/privateDnsZones/virtualNetworkLinks</c>); set <see cref="Resource.Parent"/> to the zone.</summary>
public sealed record VirtualNetworkLink(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Network/privateDnsZones/virtualNetworkLinks";

    public override string ApiVersion => NetworkApi.PrivateDnsVersion;

    public override NamingRule? NamingRule => AzureNames.VirtualNetworkLink;

    public BicepValue<string> VirtualNetworkId { get; init; }

    /// <summary>Auto-registration of VM records; off, private endpoints register through zone groups.</summary>
    public BicepValue<bool> RegistrationEnabled { get; init; } = false;

    protected override void WriteBody(BicepObjectBuilder body) => body.AddObject("properties", p => p
        .AddObject("virtualNetwork", v => v.Add("id", VirtualNetworkId))
        .Add("registrationEnabled", RegistrationEnabled));
}
