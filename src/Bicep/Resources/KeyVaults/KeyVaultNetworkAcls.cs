using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.KeyVaults;

/// <summary>
/// A Key Vault firewall. Default action Deny with the trusted-services bypass is the Azure Verified Modules default:
/// nothing reaches the vault over its public endpoint unless an IP rule, a VNet rule or a private endpoint allows it.
/// </summary>
public sealed record KeyVaultNetworkAcls : IBicepSerializable
{
    /// <summary><c>Allow</c> or <c>Deny</c>.</summary>
    public BicepValue<string> DefaultAction { get; init; } = "Deny";

    /// <summary><c>AzureServices</c> or <c>None</c>.</summary>
    public BicepValue<string> Bypass { get; init; } = "AzureServices";

    /// <summary>Allowed public IP addresses or CIDR ranges.</summary>
    public ImmutableArray<BicepValue<string>> IpRules { get; init; } = [];

    /// <summary>Subnet resource ids allowed through a service endpoint.</summary>
    public ImmutableArray<BicepValue<string>> VirtualNetworkSubnetIds { get; init; } = [];

    public BicepExpression ToExpression() => new BicepObjectBuilder()
        .Add("bypass", Bypass)
        .Add("defaultAction", DefaultAction)
        .AddArray("ipRules", IpRules.Select(ip => (BicepExpression)Syntax.Bicep.Object(Syntax.Bicep.Prop("value", ip.ToExpression()))))
        .AddArray("virtualNetworkRules", VirtualNetworkSubnetIds.Select(id => (BicepExpression)Syntax.Bicep.Object(Syntax.Bicep.Prop("id", id.ToExpression()))))
        .Build();
}
