using Provisioning.Bicep.Composition;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.Authorization;
using Provisioning.Bicep.Resources.ContainerRegistries;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.KeyVaults;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Writing;

namespace Provisioning.Bicep.Tests.Resources;

/// <summary>The composite helpers as pure functions: what they add, what they scope, what they leave alone.</summary>
[TestClass]
public sealed class ContainerWorkloadSecretsTests
{
    private static readonly KeyVault Vault = new("vault") { Name = "kv-x" };
    private static readonly KeyVaultSecret Jwt = new("jwtSecret") { Parent = Vault, Name = "jwt-secret-key" };
    private static readonly KeyVaultSecret DatabaseUrl = new("dbSecret") { Parent = Vault, Name = "database-url" };
    private static readonly UserAssignedIdentity Identity = new("backendIdentity") { Name = "id-backend" };

    private static ContainerApp App() => new("backend")
    {
        Name = "ca-backend",
        Containers = [new Container("api", "img:1"), new Container("sidecar", "img:2")],
    };

    [TestMethod]
    public void Adds_a_key_vault_reference_secret_with_the_full_secret_uri_and_the_identity()
    {
        var (app, _) = App().WithKeyVaultSecretAsEnv("JWT_SECRET_KEY", Jwt, Identity);

        var secret = app.Secrets.Single();
        Assert.AreEqual("jwt-secret-key", secret.Name);
        Assert.AreEqual("jwtSecret.properties.secretUri", Print(secret.KeyVaultUrl.ToExpression()));
        Assert.AreEqual("backendIdentity.id", Print(secret.Identity.ToExpression()));
        Assert.IsFalse(Print(secret.ToExpression()).Contains("value:", StringComparison.Ordinal), "a reference, never a value");
        Assert.AreEqual("backendIdentity", app.Identities.UserAssigned.Single().Identifier);
    }

    [TestMethod]
    public void Adds_the_env_var_as_a_secret_ref_on_every_container_or_only_the_named_one()
    {
        var (everywhere, _) = App().WithKeyVaultSecretAsEnv("JWT_SECRET_KEY", Jwt, Identity);
        foreach (var container in everywhere.Containers)
        {
            var env = container.Env.Single();
            Assert.AreEqual("JWT_SECRET_KEY", env.Name);
            Assert.AreEqual("jwt-secret-key", env.SecretRef);
            Assert.IsFalse(env.Value.IsSet);
        }

        var (one, _) = App().WithKeyVaultSecretAsEnv("JWT_SECRET_KEY", Jwt, Identity, containerName: "api");
        Assert.HasCount(1, one.Containers[0].Env);
        Assert.IsEmpty(one.Containers[1].Env);
        Assert.ThrowsExactly<ArgumentException>(() => App().WithKeyVaultSecretAsEnv("X", Jwt, Identity, containerName: "nope"));
    }

    [TestMethod]
    public void Returns_a_secrets_user_role_scoped_to_that_single_secret_and_the_app_depends_on_it()
    {
        var (app, role) = App().WithKeyVaultSecretAsEnv("JWT_SECRET_KEY", Jwt, Identity);

        Assert.AreSame(Jwt, role.Scope);
        Assert.AreEqual(PrincipalType.ServicePrincipal, role.PrincipalType.Literal);
        Assert.AreEqual("backendIdentity.properties.principalId", Print(role.PrincipalId.ToExpression()));
        Assert.AreEqual(
            "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')",
            Print(role.RoleDefinitionId.ToExpression()));
        Assert.AreEqual("guid(jwtSecret.id, backendIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')", Print(role.Name.ToExpression()));
        Assert.AreEqual("backendIdentity_KeyVaultSecretsUser_jwtSecret", role.Identifier);
        Assert.AreSame(role, app.DependsOn.Single());
    }

    [TestMethod]
    public void Two_secrets_give_two_roles_each_scoped_to_its_own_secret_and_nothing_is_duplicated()
    {
        var (first, jwtRole) = App().WithKeyVaultSecretAsEnv("JWT_SECRET_KEY", Jwt, Identity);
        var (second, dbRole) = first.WithKeyVaultSecretAsEnv("DATABASE_URL", DatabaseUrl, Identity);
        var (again, _) = second.WithKeyVaultSecretAsEnv("DATABASE_URL", DatabaseUrl, Identity);

        Assert.AreSame(Jwt, jwtRole.Scope);
        Assert.AreSame(DatabaseUrl, dbRole.Scope);
        Assert.AreNotEqual(jwtRole.Identifier, dbRole.Identifier);
        Assert.HasCount(2, again.Secrets);
        Assert.HasCount(2, again.DependsOn);
        Assert.HasCount(1, again.Identities.UserAssigned);
        Assert.HasCount(2, again.Containers[0].Env);
    }

    [TestMethod]
    public void Leaves_the_input_unchanged()
    {
        var app = App();
        _ = app.WithKeyVaultSecretAsEnv("JWT_SECRET_KEY", Jwt, Identity);
        Assert.IsEmpty(app.Secrets);
        Assert.IsEmpty(app.DependsOn);
        Assert.IsTrue(app.Identities.IsEmpty);
        Assert.IsEmpty(app.Containers[0].Env);
    }

    [TestMethod]
    public void Works_on_jobs_too()
    {
        var job = new ContainerAppJob("migrate") { Containers = [new Container("migrate", "img:1")] };
        var (changed, role) = job.WithKeyVaultSecretAsEnv("DATABASE_URL", DatabaseUrl, Identity);
        Assert.AreEqual("database-url", changed.Secrets.Single().Name);
        Assert.AreEqual("database-url", changed.Containers[0].Env.Single().SecretRef);
        Assert.AreSame(role, changed.DependsOn.Single());
    }

    [TestMethod]
    public void Registry_helper_adds_an_identity_based_registry_and_an_acr_pull_role_on_the_registry()
    {
        var registry = new ContainerRegistry("registry") { Name = "crx" };
        var (app, role) = App().WithRegistry(registry, Identity);
        Assert.AreEqual("registry.properties.loginServer", Print(app.Registries.Single().Server.ToExpression()));
        Assert.AreEqual("backendIdentity.id", Print(app.Registries.Single().IdentityResourceId.ToExpression()));
        Assert.AreSame(registry, role.Scope);
        StringAssert.Contains(Print(role.RoleDefinitionId.ToExpression()), "7f951dda-4ed3-4680-a7ca-43fe172d538d");
        Assert.AreSame(role, app.DependsOn.Single());
    }

    [TestMethod]
    [DataRow("JWT_SECRET_KEY", "jwt-secret-key")]
    [DataRow("DATABASE_URL", "database-url")]
    [DataRow("_OPENAI_API_KEY_", "openai-api-key")]
    [DataRow("AzureWebJobsStorage__accountName", "azurewebjobsstorage--accountname")]
    public void Secret_names_are_derived_from_env_var_names(string envVar, string expected) =>
        Assert.AreEqual(expected, ContainerWorkloadSecrets.ToSecretName(envVar));

    [TestMethod]
    public void AddOnce_keeps_one_copy_of_an_identical_role_and_rejects_a_different_one_under_the_same_symbol()
    {
        var template = new BicepTemplate();
        var role = RoleAssignments.Grant(Jwt, Identity, BuiltInRoles.KeyVaultSecretsUser);
        template.AddOnce(role);
        template.AddOnce(RoleAssignments.Grant(Jwt, Identity, BuiltInRoles.KeyVaultSecretsUser));
        Assert.HasCount(1, template.Resources);
        Assert.ThrowsExactly<InvalidOperationException>(() => template.AddOnce(role with { Description = "different" }));
    }

    [TestMethod]
    public void Grant_without_scope_targets_the_resource_group()
    {
        var role = RoleAssignments.Grant(null, Identity, BuiltInRoles.MonitoringMetricsPublisher);
        Assert.IsNull(role.Scope);
        Assert.AreEqual("guid(resourceGroup().id, backendIdentity.id, '3913510d-42f4-4e42-8a64-420c390055eb')", Print(role.Name.ToExpression()));
        Assert.AreEqual("backendIdentity_MonitoringMetricsPublisher_resourceGroup", role.Identifier);
    }

    private static string Print(BicepExpression expression) => BicepWriter.Write(expression);
}
