using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.State;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.PostgreSql;

/// <summary>
/// Azure Database for PostgreSQL flexible server (<c>Microsoft.DBforPostgreSQL/flexibleServers</c>). Defaults: version
/// 16, Burstable B1ms, 32 GiB with auto-grow, 7-day locally redundant backups, no HA, password and Entra ID
/// authentication. TLS is enforced by the server parameter <c>require_secure_transport</c> (on by default; set it
/// explicitly with <see cref="PostgreSqlConfiguration.RequireSecureTransport"/> so it is visible in the template).
/// </summary>
public sealed record PostgreSqlFlexibleServer(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.DBforPostgreSQL/flexibleServers";

    public override string ApiVersion => PostgreSqlApi.Version;

    public override NamingRule? NamingRule => AzureNames.PostgreSqlServer;

    public BicepValue<string> Version { get; init; } = "16";

    /// <summary>E.g. <c>Standard_B1ms</c> (Burstable) or <c>Standard_D2ds_v5</c> (GeneralPurpose).</summary>
    public BicepValue<string> SkuName { get; init; } = "Standard_B1ms";

    /// <summary><c>Burstable</c>, <c>GeneralPurpose</c> or <c>MemoryOptimized</c>; HA needs one of the latter two.</summary>
    public BicepValue<string> SkuTier { get; init; } = "Burstable";

    public BicepValue<int> StorageSizeGb { get; init; } = 32;

    /// <summary>
    /// Off by default: once Azure has grown the disk, every later deployment that still declares the smaller
    /// <see cref="StorageSizeGb"/> fails (a PUT cannot shrink storage). Grow the size in the template instead, and
    /// alert on the storage_percent metric so that happens in time.
    /// </summary>
    public BicepValue<string> StorageAutoGrow { get; init; } = "Disabled";

    /// <summary>7 to 35 days.</summary>
    public BicepValue<int> BackupRetentionDays { get; init; } = 7;

    /// <summary><c>Enabled</c> copies backups to the paired region; only settable when the server is created.</summary>
    public BicepValue<string> GeoRedundantBackup { get; init; } = "Disabled";

    /// <summary><c>Disabled</c>, <c>SameZone</c> or <c>ZoneRedundant</c> (a standby in another zone, automatic failover).</summary>
    public BicepValue<string> HighAvailabilityMode { get; init; } = "Disabled";

    public BicepValue<string> StandbyAvailabilityZone { get; init; }

    public BicepValue<string> AvailabilityZone { get; init; }

    /// <summary>The delegated subnet (VNet integration); the server then has no public endpoint.</summary>
    public BicepValue<string> DelegatedSubnetId { get; init; }

    /// <summary>The private DNS zone that resolves a VNet-integrated server (<c>*.postgres.database.azure.com</c>).</summary>
    public BicepValue<string> PrivateDnsZoneId { get; init; }

    /// <summary><c>Enabled</c> or <c>Disabled</c>; VNet-integrated servers are always Disabled.</summary>
    public BicepValue<string> PublicNetworkAccess { get; init; }

    /// <summary><c>Enabled</c> or <c>Disabled</c>.</summary>
    public BicepValue<string> PasswordAuth { get; init; } = "Enabled";

    /// <summary><c>Enabled</c> or <c>Disabled</c>: Entra ID (managed identity) sign-in.</summary>
    public BicepValue<string> ActiveDirectoryAuth { get; init; } = "Enabled";

    public BicepValue<string> TenantId { get; init; } = Syntax.Bicep.Subscription().Member("tenantId");

    /// <summary>Needed with password authentication; usually a parameter.</summary>
    public BicepValue<string> AdministratorLogin { get; init; }

    /// <summary>A secure value (secure parameter); printed inside a secure sink.</summary>
    public BicepExpression? AdministratorLoginPassword { get; init; }

    // Static: a per-instance array would take part in record equality by reference.
    private static readonly ImmutableArray<CreateOnlyProperty> Declared =
    [
        CreateOnlyProperty.Immutable(
            "properties.administratorLogin",
            "The first password administrator's name is fixed for the server's lifetime.",
            "Azure.ResourceManager.PostgreSql PostgreSqlFlexibleServerData.AdministratorLogin (\"Once set to a given value, it cannot be changed for the rest of the life of a server.\")"),
        CreateOnlyProperty.GrowOnly(
            "properties.storage.storageSizeGB",
            "The disk can be grown but never shrunk (Azure answers UpsertServerManagementOperationDowngradeDiskSizeUnsupported).",
            "Microsoft Learn: \"Scale operations in Azure Database for PostgreSQL flexible server\" (\"You can't scale down the storage.\")"),
        CreateOnlyProperty.Immutable(
            "properties.backup.geoRedundantBackup",
            "Backup redundancy (local or geo-redundant) is chosen when the server is created.",
            "Microsoft Learn: \"Backup and restore in Azure Database for PostgreSQL flexible server\" (geo-redundant backup storage can be configured only at server creation); Az.PostgreSqlFlexibleServer Backup.GeoRedundantBackup is Create=true, Update=false",
            defaultJson: "\"Disabled\""),
        CreateOnlyProperty.Immutable(
            "properties.network.delegatedSubnetResourceId",
            "Private access (VNet integration) versus public access, and the delegated subnet, are chosen when the server is created.",
            "Microsoft Learn: \"Networking overview for Azure Database for PostgreSQL flexible server with private access (VNet integration)\" (a server cannot be moved to another virtual network or subnet, nor switched between public and private access); Azure.ResourceManager.PostgreSql PostgreSqlFlexibleServerNetwork.DelegatedSubnetResourceId (\"Required during creation of a new server\")"),
    ];

    public override ImmutableArray<CreateOnlyProperty> CreateOnlyProperties => Declared;

    public override string RecreateConsequence =>
        "deleting the server deletes every database on it and the server's own backups go with it after their retention, so copy the data " +
        "first (pg_dump/pg_restore, or a point-in-time restore to a new server under a new name) and plan the downtime; the " +
        "migration job must run again against the new, empty server.";

    /// <summary><c>x.properties.fullyQualifiedDomainName</c>, e.g. <c>name.postgres.database.azure.com</c>.</summary>
    public BicepExpression FullyQualifiedDomainName => PropertyReference("fullyQualifiedDomainName");

    protected override void WriteBody(BicepObjectBuilder body)
    {
        body.AddObject("sku", sku => sku.Add("name", SkuName).Add("tier", SkuTier));
        body.AddObject("properties", p =>
        {
            p.Add("version", Version);
            p.Add("administratorLogin", AdministratorLogin);
            p.Add("administratorLoginPassword", AdministratorLoginPassword is null ? null : Syntax.Bicep.Secure(AdministratorLoginPassword));
            p.AddObject("authConfig", a => a
                .Add("activeDirectoryAuth", ActiveDirectoryAuth)
                .Add("passwordAuth", PasswordAuth)
                .Add("tenantId", ActiveDirectoryAuth.Kind == BicepValueKind.Literal && ActiveDirectoryAuth.Literal == "Disabled" ? BicepValue<string>.Unset : TenantId));
            p.AddObject("storage", s => s.Add("storageSizeGB", StorageSizeGb).Add("autoGrow", StorageAutoGrow));
            p.AddObject("backup", b => b.Add("backupRetentionDays", BackupRetentionDays).Add("geoRedundantBackup", GeoRedundantBackup));
            p.AddObject("highAvailability", h => h.Add("mode", HighAvailabilityMode).Add("standbyAvailabilityZone", StandbyAvailabilityZone));
            p.Add("availabilityZone", AvailabilityZone);
            p.AddObject("network", n => n
                .Add("delegatedSubnetResourceId", DelegatedSubnetId)
                .Add("privateDnsZoneArmResourceId", PrivateDnsZoneId)
                .Add("publicNetworkAccess", PublicNetworkAccess));
        });
    }
}
