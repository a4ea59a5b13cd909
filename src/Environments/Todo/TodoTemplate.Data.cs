using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Resources.KeyVaults;
using Provisioning.Bicep.Resources.PostgreSql;
using Provisioning.Bicep.Syntax;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    private static void AddKeyVault(TodoTemplateContext c)
    {
        var vault = new KeyVault("keyVault")
        {
            Location = c.Location.Reference,
            Tags = Tags(c),
            EnablePurgeProtection = c.Config.KeyVault.PurgeProtection,
            SoftDeleteRetentionInDays = c.Config.KeyVault.SoftDeleteRetentionDays,
            // Private environments reach the vault through its private endpoint only. Public ones keep the endpoint
            // open and rely on RBAC scoped to single secrets: Container Apps resolve references from shared
            // infrastructure whose addresses cannot be listed in a firewall.
            PublicNetworkAccess = c.IsPrivate() ? "Disabled" : "Enabled",
            NetworkAcls = new KeyVaultNetworkAcls { DefaultAction = c.IsPrivate() ? "Deny" : "Allow", Bypass = "AzureServices" },
        }.WithGeneratedName(c.NameParts);
        c.KeyVault = c.Template.Add(vault);
        if (c.IsPrivate())
        {
            AddPrivateEndpoint(c, vault, "vault", "privatelink.vaultcore.azure.net", "keyVault");
        }
    }

    private static void AddDatabase(TodoTemplateContext c)
    {
        var db = c.Config.Database;
        var server = new PostgreSqlFlexibleServer("postgres")
        {
            Location = c.Location.Reference,
            Tags = Tags(c),
            Version = "16",
            SkuName = db.SkuName,
            SkuTier = db.Tier.ToString(),
            StorageSizeGb = db.StorageSizeGB,
            BackupRetentionDays = db.BackupRetentionDays,
            GeoRedundantBackup = db.GeoRedundantBackup ? "Enabled" : "Disabled",
            HighAvailabilityMode = db.HighAvailability ? "ZoneRedundant" : "Disabled",
            AdministratorLogin = TodoContract.DatabaseAdministratorLogin,
            AdministratorLoginPassword = c.PostgresAdminPassword.Reference,
            PublicNetworkAccess = c.IsPrivate() ? "Disabled" : "Enabled",
            DelegatedSubnetId = c.Network?.PostgresSubnetId ?? Bicep.Model.BicepValue<string>.Unset,
            PrivateDnsZoneId = c.Network?.PostgresDnsZone.Id ?? Bicep.Model.BicepValue<string>.Unset,
            DependsOn = c.Network is null ? [] : [c.Network.PostgresDnsLink],
        }.WithGeneratedName(c.NameParts);
        c.Postgres = c.Template.Add(server);

        // The server accepts one change at a time (a parallel write fails with ServerIsBusy), so its children are
        // chained: database, then the TLS setting, then each firewall rule.
        Bicep.Model.Resource previous = c.Template.Add(new PostgreSqlDatabase("postgresDatabase") { Parent = server, Name = TodoContract.DatabaseName });
        // TLS is enforced by the server, not left to each client's connection string.
        previous = c.Template.Add(PostgreSqlConfiguration.RequireSecureTransport("postgresRequireTls", server) with { DependsOn = [previous] });

        if (!c.IsPrivate())
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
    }

    private static void AddSecrets(TodoTemplateContext c)
    {
        var secrets = new Dictionary<string, KeyVaultSecret>
        {
            [TodoContract.JwtSecretKey] = c.Template.Add(new KeyVaultSecret("jwtSecret")
            {
                Parent = c.KeyVault,
                Name = TodoContract.SecretNames.JwtSecretKey,
                Value = c.JwtSecretKey.Reference,
                ContentType = "HS256 key",
            }),
            // The URL form of CONTRACT.md; the password is percent-encoded so any character is safe in it.
            [TodoContract.DatabaseUrl] = c.Template.Add(new KeyVaultSecret("databaseUrlSecret")
            {
                Parent = c.KeyVault,
                Name = TodoContract.SecretNames.DatabaseUrl,
                Value = Expr.Interpolate(
                    $"postgresql://{TodoContract.DatabaseAdministratorLogin}:",
                    (BicepExpression)Expr.Call("uriComponent", c.PostgresAdminPassword.Reference),
                    "@",
                    c.Postgres.FullyQualifiedDomainName,
                    $":{TodoContract.DatabasePort}/{TodoContract.DatabaseName}?sslmode=require"),
                ContentType = "postgresql URL",
            }),
        };
        if (c.OpenAiApiKey is not null)
        {
            secrets[TodoContract.OpenAiApiKey] = c.Template.Add(new KeyVaultSecret("openAiApiKeySecret")
            {
                Parent = c.KeyVault,
                Name = TodoContract.SecretNames.OpenAiApiKey,
                Value = c.OpenAiApiKey.Reference,
            });
        }
        c.Secrets = secrets;
    }

    private static bool IsProduction(this TodoTemplateContext c) => c.Config.Name == ConfigurationRules.ProductionName;
}
