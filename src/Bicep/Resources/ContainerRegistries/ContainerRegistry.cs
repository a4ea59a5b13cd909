using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.ContainerRegistries;

/// <summary>
/// A container registry (<c>Microsoft.ContainerRegistry/registries</c>). The admin user is off: pulls use managed
/// identities with AcrPull, so no registry password exists to leak or rotate. Anonymous pull is off.
/// </summary>
public sealed record ContainerRegistry(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.ContainerRegistry/registries";

    // Newest stable version known to the bundled Bicep types.
    public override string ApiVersion => "2025-11-01";

    public override NamingRule? NamingRule => AzureNames.ContainerRegistry;

    /// <summary><c>Basic</c>, <c>Standard</c> or <c>Premium</c> (private endpoints, geo-replication, zone redundancy).</summary>
    public BicepValue<string> SkuName { get; init; } = "Basic";

    public BicepValue<bool> AdminUserEnabled { get; init; } = false;

    public BicepValue<bool> AnonymousPullEnabled { get; init; } = false;

    /// <summary><c>Enabled</c> or <c>Disabled</c> (Premium only).</summary>
    public BicepValue<string> PublicNetworkAccess { get; init; }

    /// <summary><c>Enabled</c> or <c>Disabled</c> (Premium only).</summary>
    public BicepValue<string> ZoneRedundancy { get; init; }

    /// <summary><c>x.properties.loginServer</c>, e.g. <c>name.azurecr.io</c>.</summary>
    public BicepExpression LoginServer => PropertyReference("loginServer");

    protected override void WriteBody(BicepObjectBuilder body)
    {
        body.AddObject("sku", sku => sku.Add("name", SkuName));
        body.AddObject("properties", p =>
        {
            p.Add("adminUserEnabled", AdminUserEnabled);
            p.Add("anonymousPullEnabled", AnonymousPullEnabled);
            p.Add("publicNetworkAccess", PublicNetworkAccess);
            p.Add("zoneRedundancy", ZoneRedundancy);
        });
    }
}
