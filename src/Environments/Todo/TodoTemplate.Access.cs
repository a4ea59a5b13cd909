using Provisioning.Bicep.Composition;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.KeyVaults;
using Provisioning.Bicep.Resources.PostgreSql;
using Provisioning.Bicep.Resources.Storage;
using Provisioning.Bicep.Syntax;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>
    /// Everything a workload needs granted when it is created or starts. Container Apps pulls the image and resolves
    /// each Key Vault reference with the workload's identity when the revision is created, and a new role assignment
    /// can take up to 10 minutes to take effect ("Troubleshoot Azure RBAC", Microsoft Learn). So these resources are
    /// declared by bootstrap.bicep, which the preprovision hook deploys (and waits out) before main.bicep, and again,
    /// identically, by main.bicep, which stays a complete description of the environment. Role assignment names are
    /// <c>guid(scope, identity, role)</c>, so the second declaration is the same resource.
    /// </summary>
    private static AccessParts AddAccess(Foundation f, SecureParameters parameters)
    {
        var monitoring = AddMonitoring(f);
        var identities = AddIdentities(f);
        var registry = AddRegistry(f);
        var vault = AddKeyVault(f);
        var secrets = AddSecrets(f, parameters, vault);
        var hosts = f.System.Components.Where(c => c.Kind == WorkloadKind.FunctionApp)
            .ToDictionary(c => c.Name, c => AddFunctionsHost(f, monitoring, identities[c.Name], c));
        foreach (var component in f.System.Components)
        {
            var identity = identities[component.Name];
            f.Template.AddOnce(ContainerWorkloadSecrets.RegistryPullGrant(registry, identity));
            foreach (var secret in SecretsReadBy(f, component))
            {
                f.Template.AddOnce(ContainerWorkloadSecrets.SecretReadGrant(secrets[secret.Name], identity, SecretCondition(f, parameters, secret)));
            }
        }
        return new AccessParts(monitoring, identities, registry, vault, secrets, hosts);
    }

    private static KeyVault AddKeyVault(Foundation f) =>
        f.Template.Add(new KeyVault("keyVault")
        {
            Location = f.Location.Reference,
            Tags = f.TagsFor(),
            EnablePurgeProtection = f.Config.KeyVault.PurgeProtection,
            SoftDeleteRetentionInDays = f.Config.KeyVault.SoftDeleteRetentionDays,
            // Private environments reach the vault through its private endpoint only (main.bicep adds it). Public ones
            // keep the endpoint open and rely on RBAC scoped to single secrets: Container Apps resolve references from
            // shared infrastructure whose addresses cannot be listed in a firewall. Secrets are written through Azure
            // Resource Manager, which a closed data plane does not block.
            PublicNetworkAccess = f.IsPrivate ? "Disabled" : "Enabled",
            NetworkAcls = new KeyVaultNetworkAcls { DefaultAction = f.IsPrivate ? "Deny" : "Allow", Bypass = "AzureServices" },
        }.WithGeneratedName(f.NameParts));

    /// <summary>The secrets the environment stores, keyed by name; each holds a secure parameter or a value made of one.</summary>
    private static IReadOnlyDictionary<string, KeyVaultSecret> AddSecrets(Foundation f, SecureParameters parameters, KeyVault vault)
    {
        var specs = f.System.SecretsFor(f.Config).ToList();
        var host = specs.Any(s => s.Content is DatabaseUrlContent) ? AddDatabaseHost(f) : null;
        return specs.ToDictionary(s => s.Name, s => f.Template.Add(new KeyVaultSecret(s.Symbol)
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
                    host!.Reference,
                    $":{f.System.Database.Port}/{f.System.Database.Name}?sslmode=require"),
                _ => throw new NotSupportedException($"Secret content {s.Content.GetType().Name} has no Bicep rendering."),
            },
            ContentType = s.ContentType ?? BicepValue<string>.Unset,
            Condition = SecretCondition(f, parameters, s),
        }));
    }

    /// <summary>
    /// The server's host name, computed from its name instead of read from the server: the secrets are written by
    /// bootstrap.bicep, before the server exists. A public and a VNet-integrated flexible server have the same
    /// <c>&lt;name&gt;.postgres.database.azure.com</c> (the private zone holds the record it resolves to; "Networking
    /// with private access", Microsoft Learn). Azure public cloud: ARM's environment() has no PostgreSQL suffix.
    /// </summary>
    private static Variable AddDatabaseHost(Foundation f) =>
        f.Template.Add(new Variable("postgresHost", Expr.Interpolate(DatabaseServerName(f).ToExpression(), ".postgres.database.azure.com"))
        {
            Description = "The PostgreSQL server's host name, from its name: the secrets holding it are written before the server exists.",
        });

    /// <summary>The name the server gets; <see cref="AddDatabase"/> names it the same way.</summary>
    private static BicepValue<string> DatabaseServerName(Foundation f) => ResourceNames.For(new PostgreSqlFlexibleServer("postgres"), f.NameParts);

    /// <summary>
    /// A function app's host storage (shared keys disabled: the host reaches it with the app's identity) and the
    /// host's grants: blobs, queues and tables for timer schedules and leases, and Monitoring Metrics Publisher on
    /// Application Insights, which accepts Entra-authenticated telemetry only. Without them the host cannot start its
    /// timer or report, and "probe silent" fires.
    /// </summary>
    private static FunctionsHost AddFunctionsHost(Foundation f, MonitoringParts monitoring, UserAssignedIdentity identity, ComponentSpec component)
    {
        var storage = f.Template.Add(new StorageAccount(component.Name + "Storage")
        {
            Location = f.Location.Reference,
            Tags = f.TagsFor(),
            SkuName = f.IsPrivate ? "Standard_ZRS" : "Standard_LRS",
            PublicNetworkAccess = f.IsPrivate ? "Disabled" : "Enabled",
        }.WithGeneratedName([.. f.NameParts, component.Name]));
        var storageRoles = StorageGrants.ForFunctionsHost(storage, identity).Select(f.Template.Add).ToList();
        var appInsightsRole = f.Template.Add(RoleAssignments.Grant(monitoring.AppInsights, identity, BuiltInRoles.MonitoringMetricsPublisher));
        return new FunctionsHost(storage, [.. storageRoles, appInsightsRole]);
    }
}
