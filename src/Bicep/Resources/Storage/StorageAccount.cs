using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.State;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Storage;

/// <summary>
/// A StorageV2 account (<c>Microsoft.Storage/storageAccounts</c>) with Azure Verified Modules' secure defaults: no
/// shared keys (Entra ID only, so no connection string with a key exists), TLS 1.2, HTTPS only, no anonymous blob
/// access, OAuth as the portal default. Grant data access with role assignments (<c>RoleAssignments.Grant</c>).
/// </summary>
public sealed record StorageAccount(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Storage/storageAccounts";

    // Newest stable version known to the bundled Bicep types.
    public override string ApiVersion => "2026-06-01";

    public override NamingRule? NamingRule => AzureNames.StorageAccount;

    /// <summary>E.g. <c>Standard_LRS</c>, <c>Standard_ZRS</c>.</summary>
    public BicepValue<string> SkuName { get; init; } = "Standard_LRS";

    public BicepValue<string> Kind { get; init; } = "StorageV2";

    public BicepValue<string> AccessTier { get; init; } = "Hot";

    public BicepValue<bool> AllowSharedKeyAccess { get; init; } = false;

    public BicepValue<string> MinimumTlsVersion { get; init; } = "TLS1_2";

    public BicepValue<bool> SupportsHttpsTrafficOnly { get; init; } = true;

    public BicepValue<bool> AllowBlobPublicAccess { get; init; } = false;

    public BicepValue<bool> DefaultToOAuthAuthentication { get; init; } = true;

    /// <summary>Blocks copying blobs to accounts outside the tenant's private-link scope.</summary>
    public BicepValue<string> AllowedCopyScope { get; init; } = "AAD";

    /// <summary><c>Enabled</c> or <c>Disabled</c>.</summary>
    public BicepValue<string> PublicNetworkAccess { get; init; }

    /// <summary><c>Allow</c> or <c>Deny</c>; trusted Azure services bypass the firewall when set.</summary>
    public BicepValue<string> NetworkDefaultAction { get; init; }

    // Static: a per-instance array would take part in record equality by reference.
    private static readonly ImmutableArray<CreateOnlyProperty> Declared =
    [
        CreateOnlyProperty.OneWay(
            "kind",
            [new Transition("\"Storage\"", "\"StorageV2\""), new Transition("\"BlobStorage\"", "\"StorageV2\"")],
            "The account kind is fixed, except the one-way upgrade of a legacy account to general-purpose v2.",
            "Microsoft Learn: \"Upgrade to a general-purpose v2 storage account\" (the upgrade cannot be undone); Azure.ResourceManager.Storage StorageAccountPatch.Kind"),
        new CreateOnlyProperty(
            "sku.name",
            new ImmutablePartRule("^[A-Za-z0-9]+(?=_)", "performance tier (Standard or Premium)"),
            "The redundancy part of the SKU can be converted, the performance tier cannot.",
            "Microsoft Learn: \"Change how a storage account is replicated\" (conversion between Standard and Premium is not supported; create a new account and copy the data)"),
    ];

    public override ImmutableArray<CreateOnlyProperty> CreateOnlyProperties => Declared;

    public override string RecreateConsequence =>
        "deleting the account deletes every blob, queue, table and file share in it (a Functions app keeps its triggers' state and keys " +
        "there), and its name may not be available again at once; copy the data (AzCopy) to the new account first.";

    /// <summary><c>x.properties.primaryEndpoints.blob</c></summary>
    public BicepExpression PrimaryBlobEndpoint => PropertyReference("primaryEndpoints").Member("blob");

    protected override void WriteBody(BicepObjectBuilder body)
    {
        body.Add("kind", Kind);
        body.AddObject("sku", sku => sku.Add("name", SkuName));
        body.AddObject("properties", p =>
        {
            p.Add("accessTier", AccessTier);
            p.Add("allowSharedKeyAccess", AllowSharedKeyAccess);
            p.Add("minimumTlsVersion", MinimumTlsVersion);
            p.Add("supportsHttpsTrafficOnly", SupportsHttpsTrafficOnly);
            p.Add("allowBlobPublicAccess", AllowBlobPublicAccess);
            p.Add("defaultToOAuthAuthentication", DefaultToOAuthAuthentication);
            p.Add("allowedCopyScope", AllowedCopyScope);
            p.Add("publicNetworkAccess", PublicNetworkAccess);
            p.AddObject("networkAcls", n => n
                .Add("defaultAction", NetworkDefaultAction)
                .Add("bypass", NetworkDefaultAction.IsSet ? (BicepExpression)"AzureServices" : null));
        });
    }
}
