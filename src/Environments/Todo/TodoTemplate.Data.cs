using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Resources.KeyVaults;
using Provisioning.Bicep.Resources.PostgreSql;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Model;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    private static KeyVault AddKeyVault(Foundation f, TodoNetwork? network)
    {
        var vault = f.Template.Add(new KeyVault("keyVault")
        {
            Location = f.Location.Reference,
            Tags = f.TagsFor(),
            EnablePurgeProtection = f.Config.KeyVault.PurgeProtection,
            SoftDeleteRetentionInDays = f.Config.KeyVault.SoftDeleteRetentionDays,
            // Private environments reach the vault through its private endpoint only. Public ones keep the endpoint
            // open and rely on RBAC scoped to single secrets: Container Apps resolve references from shared
            // infrastructure whose addresses cannot be listed in a firewall.
            PublicNetworkAccess = network is null ? "Enabled" : "Disabled",
            NetworkAcls = new KeyVaultNetworkAcls { DefaultAction = network is null ? "Allow" : "Deny", Bypass = "AzureServices" },
        }.WithGeneratedName(f.NameParts));
        if (network is not null)
        {
            AddPrivateEndpoint(f, network, vault, "vault", "privatelink.vaultcore.azure.net", "keyVault");
        }
        return vault;
    }

    private static PostgreSqlFlexibleServer AddDatabase(Foundation c, DeploymentParameters parameters, TodoNetwork? network)
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
        }.WithGeneratedName(c.NameParts);
        c.Template.Add(server);

        // The server accepts one change at a time (a parallel write fails with ServerIsBusy), so its children are
        // chained: database, then the TLS setting, then each firewall rule.
        Resource previous = c.Template.Add(new PostgreSqlDatabase("postgresDatabase") { Parent = server, Name = c.System.Database.Name });
        // TLS is enforced by the server, not left to each client's connection string.
        previous = c.Template.Add(PostgreSqlConfiguration.RequireSecureTransport("postgresRequireTls", server) with { DependsOn = [previous] });

        if (!c.IsPrivate)
        {
            // 0.0.0.0–0.0.0.0 is Azure's notation for "any Azure service", which includes the Container Apps
            // environment's outbound addresses (and other tenants' resources: TLS and the password still apply).
            // Anything else must be listed in the environment file.
            previous = c.Template.Add(new PostgreSqlFirewallRule("postgresAllowAzureServices")
            {
                Parent = server,
                Name = "AllowAzureServices",
                StartIpAddress = "0.0.0.0",
                EndIpAddress = "0.0.0.0",
                DependsOn = [previous],
            });
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
        }
        return server;
    }

    /// <summary>The secrets the environment stores, keyed by name; each holds a secure parameter or a value made of one.</summary>
    private static IReadOnlyDictionary<string, KeyVaultSecret> AddSecrets(
        Foundation f, DeploymentParameters parameters, KeyVault vault, PostgreSqlFlexibleServer postgres) =>
        f.System.SecretsFor(f.Config).ToDictionary(s => s.Name, s => f.Template.Add(new KeyVaultSecret(s.Symbol)
        {
            Parent = vault,
            Name = s.Name,
            Value = s.Content switch
            {
                ParameterContent p => parameters.Secure[p.Parameter].Reference,
                DatabaseUrlContent u => Expr.Interpolate(
                    $"postgresql://{u.Login}:",
                    (BicepExpression)Expr.Call("uriComponent", parameters.Secure[u.PasswordParameter].Reference),
                    "@",
                    postgres.FullyQualifiedDomainName,
                    $":{f.System.Database.Port}/{f.System.Database.Name}?sslmode=require"),
                _ => throw new NotSupportedException($"Secret content {s.Content.GetType().Name} has no Bicep rendering."),
            },
            ContentType = s.ContentType ?? BicepValue<string>.Unset,
            Condition = SecretCondition(f, parameters, s),
        }));
}
