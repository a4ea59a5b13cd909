using Provisioning.Bicep.Resources.PostgreSql;
using Provisioning.Bicep.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>
    /// The server, its database, the TLS requirement and the way in (the Azure-services firewall rule, or the private
    /// DNS zone link of a VNet-integrated server): <see cref="DatabaseParts.Path"/>.
    /// </summary>
    private static DatabaseParts AddDatabase(Foundation c, SecureParameters parameters, TodoNetwork? network)
    {
        var db = c.Config.Database;
        var server = new PostgreSqlFlexibleServer("postgres")
        {
            Location = c.Location.Reference,
            Tags = c.TagsFor(),
            Version = "16",
            SkuName = db.SkuName,
            SkuTier = db.Tier.ToString(),
            StorageSizeGb = db.StorageSizeGB,
            BackupRetentionDays = db.BackupRetentionDays,
            GeoRedundantBackup = db.GeoRedundantBackup ? "Enabled" : "Disabled",
            HighAvailabilityMode = db.HighAvailability ? "ZoneRedundant" : "Disabled",
            AdministratorLogin = c.System.Database.AdministratorLogin,
            AdministratorLoginPassword = parameters.Secure[c.System.Database.AdministratorPasswordParameter].Reference,
            PublicNetworkAccess = c.IsPrivate ? "Disabled" : "Enabled",
            DelegatedSubnetId = network?.PostgresSubnetId ?? BicepValue<string>.Unset,
            PrivateDnsZoneId = network?.PostgresDnsZone.Id ?? BicepValue<string>.Unset,
            DependsOn = network is null ? [] : [network.PostgresDnsLink],
            Name = DatabaseServerName(c),
        };
        c.Template.Add(server);

        // The server accepts one change at a time (a parallel write fails with ServerIsBusy), so its children are
        // chained: database, then the TLS setting, then each firewall rule.
        var database = c.Template.Add(new PostgreSqlDatabase("postgresDatabase") { Parent = server, Name = c.System.Database.Name });
        // TLS is enforced by the server, not left to each client's connection string.
        var tls = c.Template.Add(PostgreSqlConfiguration.RequireSecureTransport("postgresRequireTls", server) with { DependsOn = [database] });
        if (network is not null)
        {
            return new DatabaseParts(server, [server, database, tls, network.PostgresDnsLink]);
        }

        // 0.0.0.0–0.0.0.0 is Azure's notation for "any Azure service", which includes the Container Apps
        // environment's outbound addresses (and other tenants' resources: TLS and the password still apply).
        // Anything else must be listed in the environment file.
        var azureServices = c.Template.Add(new PostgreSqlFirewallRule("postgresAllowAzureServices")
        {
            Parent = server,
            Name = "AllowAzureServices",
            StartIpAddress = "0.0.0.0",
            EndIpAddress = "0.0.0.0",
            DependsOn = [tls],
        });
        Resource previous = azureServices;
        var index = 0;
        foreach (var range in c.Config.Network.AllowedIpRanges)
        {
            previous = c.Template.Add(new PostgreSqlFirewallRule($"postgresFirewall{index++}")
            {
                Parent = server,
                Name = range.Name,
                StartIpAddress = range.Start,
                EndIpAddress = range.End,
                DependsOn = [previous],
            });
        }
        return new DatabaseParts(server, [server, database, tls, azureServices]);
    }
}
