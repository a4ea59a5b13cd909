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
    /// declared by bootstrap.bicep, which is deployed (and waited out) before main.bicep, and again, identically, by
    /// main.bicep, which stays a complete description of the environment. Role assignment names are
    /// <c>guid(scope, identity, role)</c>, so the second declaration is the same resource.
    /// </summary>
    /// <param name="secretsExist">
    /// bootstrap.bicep only: the flag saying `secrets init` has created the vault's secrets. The secrets are
    /// <c>existing</c> resources (no template writes a value), and a grant scoped to a secret needs the secret, so on a
    /// new environment bootstrap.bicep is deployed once with the flag off (vault, identities, registry), then
    /// `secrets init`, then again with it on (the grants on each secret). Null: the secrets exist (main.bicep runs after init).
    /// </param>
    private static AccessParts AddAccess(Foundation f, SecureParameters parameters, Bicep.Syntax.BicepExpression? secretsExist = null)
    {
        var monitoring = AddMonitoring(f);
        var identities = AddIdentities(f);
        var registry = AddRegistry(f);
        var vault = AddKeyVault(f);
        var secrets = AddSecrets(f, parameters, vault, secretsExist);
        var hosts = f.System.Components.Where(c => c.Kind == WorkloadKind.FunctionApp)
            .ToDictionary(c => c.Name, c => AddFunctionsHost(f, monitoring, identities[c.Name], c));
        foreach (var component in f.System.Components)
        {
            var identity = identities[component.Name];
            f.Template.AddOnce(ContainerWorkloadSecrets.RegistryPullGrant(registry, identity));
            foreach (var secret in SecretsReadBy(f, component))
            {
                f.Template.AddOnce(ContainerWorkloadSecrets.SecretReadGrant(secrets[secret.Name], identity, And(secretsExist, SecretCondition(f, parameters, secret))));
            }
        }
        return new AccessParts(monitoring, identities, registry, vault, secrets, hosts);
    }

    private static Bicep.Syntax.BicepExpression? And(Bicep.Syntax.BicepExpression? left, Bicep.Syntax.BicepExpression? right) =>
        left is null ? right : right is null ? left : Expr.Binary(left, Bicep.Syntax.BinaryOperator.And, right);

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
            // Resource Manager (`secrets init`), which a closed data plane does not block.
            PublicNetworkAccess = f.IsPrivate ? "Disabled" : "Enabled",
            NetworkAcls = new KeyVaultNetworkAcls { DefaultAction = f.IsPrivate ? "Deny" : "Allow", Bypass = "AzureServices" },
            // The .bicepparam passes the PostgreSQL administrator password as a Key Vault reference (getSecret), which
            // Azure Resource Manager resolves only in a vault enabled for template deployment; the deploying identity
            // also needs Microsoft.KeyVault/vaults/deploy/action (Contributor has it).
            EnabledForTemplateDeployment = true,
        }.WithGeneratedName(f.NameParts));

    /// <summary>
    /// The secrets the environment stores, keyed by name, as <c>existing</c> resources: `secrets init` creates them
    /// and no template writes a value, so a deployment can never roll one back. Declared so the grants can be scoped
    /// to each secret and the workloads can reference it by URL; a secret no workload reads (the administrator password,
    /// which only the .bicepparam's getSecret() reads) is not declared.
    /// </summary>
    private static IReadOnlyDictionary<string, KeyVaultSecret> AddSecrets(Foundation f, SecureParameters parameters, KeyVault vault, Bicep.Syntax.BicepExpression? secretsExist)
    {
        var specs = f.System.SecretsFor(f.Config).Where(s => f.System.Readers(s, f.Config).Count > 0).ToList();
        return specs.ToDictionary(s => s.Name, s => f.Template.Add(new KeyVaultSecret(s.Symbol)
        {
            Parent = vault,
            Name = s.Name,
            IsExisting = true,
            Condition = And(secretsExist, SecretCondition(f, parameters, s)),
        }));
    }

    /// <summary>
    /// The server's host name, computed from its name instead of read from the server: `secrets init` writes the
    /// database URLs holding it before the server exists, and reads it from this output. A public and a
    /// VNet-integrated flexible server have the same <c>&lt;name&gt;.postgres.database.azure.com</c> (the private zone
    /// holds the record it resolves to; "Networking with private access", Microsoft Learn). Azure public cloud: ARM's
    /// environment() has no PostgreSQL suffix.
    /// </summary>
    private static Bicep.Syntax.BicepExpression DatabaseHost(Foundation f) =>
        Expr.Interpolate(DatabaseServerName(f).ToExpression(), ".postgres.database.azure.com");

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
