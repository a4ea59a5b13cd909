using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.State;
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

    /// <summary>
    /// Lets Azure Resource Manager read a secret for a template deployment (a Key Vault reference in a parameter file,
    /// <c>getSecret()</c>); the deploying identity still needs <c>Microsoft.KeyVault/vaults/deploy/action</c>. Unset
    /// leaves the service default (off).
    /// </summary>
    public BicepValue<bool> EnabledForTemplateDeployment { get; init; }

    /// <summary><c>Enabled</c> or <c>Disabled</c>; unset follows the network ACLs.</summary>
    public BicepValue<string> PublicNetworkAccess { get; init; }

    public KeyVaultNetworkAcls? NetworkAcls { get; init; }

    // Static: a per-instance array would take part in record equality by reference.
    private static readonly ImmutableArray<CreateOnlyProperty> Declared =
    [
        CreateOnlyProperty.Immutable(
            "properties.softDeleteRetentionInDays",
            "The soft-delete retention period is fixed when the vault is created.",
            "Microsoft Learn: \"Azure Key Vault soft-delete overview\" (\"Once set, the retention policy interval cannot be changed.\")",
            defaultJson: "90"),
        CreateOnlyProperty.OneWay(
            "properties.enablePurgeProtection",
            [new Transition("false", "true")],
            "Purge protection can be turned on later but never off again.",
            "Azure.ResourceManager.KeyVault KeyVaultProperties.EnablePurgeProtection (\"Enabling this functionality is irreversible - that is, the property does not accept false as its value.\")",
            defaultJson: "false"),
        CreateOnlyProperty.OneWay(
            "properties.enableSoftDelete",
            [new Transition("false", "true")],
            "Soft delete, once on, cannot be turned off.",
            "Azure.Provisioning.KeyVault KeyVaultProperties.EnableSoftDelete (\"Once set to true, it cannot be reverted to false.\")",
            defaultJson: "true"),
    ];

    public override ImmutableArray<CreateOnlyProperty> CreateOnlyProperties => Declared;

    public override string RecreateConsequence =>
        "deleting the vault deletes every secret, key and certificate in it and its role assignments; the vault stays soft-deleted, " +
        "holding its name, for its retention period (with purge protection it cannot be purged before that), so re-creating it " +
        "under the same name needs `az keyvault recover` or `az keyvault purge` first, and every secret must be set again.";

    /// <summary><c>x.properties.vaultUri</c>, e.g. <c>https://name.vault.azure.net/</c>.</summary>
    public BicepExpression VaultUri => PropertyReference("vaultUri");

    protected override void WriteBody(BicepObjectBuilder body) => body.AddObject("properties", p =>
    {
        p.AddObject("sku", sku => sku.Add("family", (BicepExpression)"A").Add("name", SkuName));
        p.Add("tenantId", TenantId);
        p.Add("enableRbacAuthorization", EnableRbacAuthorization);
        p.Add("enabledForTemplateDeployment", EnabledForTemplateDeployment);
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
