using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.KeyVaults;

/// <summary>
/// A Key Vault (<c>Microsoft.KeyVault/vaults</c>) with secure defaults: Azure RBAC instead of access policies (so
/// access is granted per secret with role assignments), soft delete with 90 days of retention.
/// </summary>
public sealed record KeyVault(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.KeyVault/vaults";

    // Newest stable version known to the bundled Bicep types.
    public override string ApiVersion => "2026-05-15";

    public override NamingRule? NamingRule => AzureNames.KeyVault;

    /// <summary><c>standard</c> or <c>premium</c> (HSM-backed keys).</summary>
    public BicepValue<string> SkuName { get; init; } = "standard";

    /// <summary>The tenant whose identities may be granted access; the deployment's tenant by default.</summary>
    public BicepValue<string> TenantId { get; init; } = Syntax.Bicep.Subscription().Member("tenantId");

    /// <summary>Azure RBAC for the data plane: access is granted with role assignments, scoped as narrowly as one secret.</summary>
    public BicepValue<bool> EnableRbacAuthorization { get; init; } = true;

    /// <summary>Soft delete cannot be turned off on new vaults; stated so a template never depends on the service default.</summary>
    public BicepValue<bool> EnableSoftDelete { get; init; } = true;

    public BicepValue<int> SoftDeleteRetentionInDays { get; init; } = 90;

    /// <summary>
    /// Purge protection: once on it can never be turned off, and the service rejects an explicit <c>false</c> on
    /// such a vault, so <c>false</c> is printed as "omitted" rather than as <c>false</c>.
    /// </summary>
    public bool EnablePurgeProtection { get; init; }

    /// <summary><c>Enabled</c> or <c>Disabled</c>; unset follows the network ACLs.</summary>
    public BicepValue<string> PublicNetworkAccess { get; init; }

    public KeyVaultNetworkAcls? NetworkAcls { get; init; }

    /// <summary><c>x.properties.vaultUri</c>, e.g. <c>https://name.vault.azure.net/</c>.</summary>
    public BicepExpression VaultUri => PropertyReference("vaultUri");

    protected override void WriteBody(BicepObjectBuilder body) => body.AddObject("properties", p =>
    {
        p.AddObject("sku", sku => sku.Add("family", (BicepExpression)"A").Add("name", SkuName));
        p.Add("tenantId", TenantId);
        p.Add("enableRbacAuthorization", EnableRbacAuthorization);
        p.Add("enableSoftDelete", EnableSoftDelete);
        p.Add("softDeleteRetentionInDays", SoftDeleteRetentionInDays);
        if (EnablePurgeProtection)
        {
            p.Add("enablePurgeProtection", (BicepExpression)true);
        }
        p.Add("publicNetworkAccess", PublicNetworkAccess);
        p.Add("networkAcls", NetworkAcls?.ToExpression());
    });
}
