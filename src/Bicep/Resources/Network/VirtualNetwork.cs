using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Network;

/// <summary>A virtual network (<c>Microsoft.Network/virtualNetworks</c>) with its subnets declared inline.</summary>
public sealed record VirtualNetwork(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Network/virtualNetworks";

    public override string ApiVersion => NetworkApi.Version;

    public override NamingRule? NamingRule => AzureNames.VirtualNetwork;

    public ImmutableArray<string> AddressPrefixes { get; init; } = [];

    public ImmutableArray<SubnetSpec> Subnets { get; init; } = [];

    /// <summary>
    /// The id of the subnet named <paramref name="subnetName"/>: <c>x.properties.subnets[i].id</c>, so the reference
    /// also carries the dependency on the network.
    /// </summary>
    public BicepExpression SubnetId(string subnetName)
    {
        var index = Subnets.Select(s => s.Name).ToList().IndexOf(subnetName);
        if (index < 0)
        {
            throw new ArgumentException($"Virtual network '{Identifier}' has no subnet '{subnetName}'.", nameof(subnetName));
        }
        return PropertyReference("subnets").Index(index).Member("id");
    }

    protected override void WriteBody(BicepObjectBuilder body) => body.AddObject("properties", p => p
        .AddObject("addressSpace", a => a.AddArray("addressPrefixes", AddressPrefixes.Select(x => (BicepExpression)x)))
        .AddArray("subnets", Subnets));
}
