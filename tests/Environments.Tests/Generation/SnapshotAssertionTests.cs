using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Generation;

/// <summary>
/// Assertions on what <c>bicep snapshot</c> predicts Azure would create, per environment, against docs/contract.md.
/// The expected tables are read from that document (<see cref="ContractDocument"/>), not from the generator.
/// </summary>
[TestClass]
public sealed partial class SnapshotAssertionTests
{
    /// <summary>docs/contract.md "Environment variables (who gets what)": per component, its plain and secret variables.</summary>
    private static readonly IReadOnlyDictionary<string, (HashSet<string> Plain, HashSet<string> Secret)> ContractMatrix = ContractDocument.Matrix();

    /// <summary>Every contract variable, to check nobody gets one that is not theirs.</summary>
    private static readonly HashSet<string> ContractVariables =
        [.. ContractMatrix.Values.SelectMany(v => v.Plain.Concat(v.Secret))];

    public static IEnumerable<object[]> Environments => GeneratedEnvironments.Names.Select(n => new object[] { n });

    private static IEnumerable<JsonObject> Resources(string env, string type) =>
        GeneratedEnvironments.Get().PredictedResources(env).Select(r => r!.AsObject()).Where(r => (string)r["type"]! == type);

    /// <summary>Container apps and the job, keyed by their azd-service-name tag (the component).</summary>
    private static Dictionary<string, JsonObject> Workloads(string env) =>
        Resources(env, "Microsoft.App/containerApps").Concat(Resources(env, "Microsoft.App/jobs"))
            .ToDictionary(r => (string)r["tags"]!["azd-service-name"]!, r => r);

    private static string ComponentOfIdentity(string text) => IdentityName().Match(text) is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex(@"userAssignedIdentities/id-[a-z0-9]+-[a-z0-9]+-([a-z]+)")]
    private static partial Regex IdentityName();

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Env_var_matrix_is_exactly_the_contract(string env)
    {
        var workloads = Workloads(env);
        CollectionAssert.AreEquivalent(ContractMatrix.Keys.ToList(), workloads.Keys.ToList(), "every component is deployed once");
        foreach (var (component, workload) in workloads)
        {
            var envVars = workload["properties"]!["template"]!["containers"]!.AsArray().SelectMany(c => c!["env"]?.AsArray() ?? []).Select(e => e!.AsObject()).ToList();
            var contractVars = envVars.Where(e => ContractVariables.Contains((string)e["name"]!)).ToList();
            var expected = ContractMatrix[component];
            CollectionAssert.AreEquivalent(expected.Plain.Concat(expected.Secret).ToList(), contractVars.Select(e => (string)e["name"]!).ToList(), $"{env}/{component}");
            foreach (var variable in contractVars)
            {
                var name = (string)variable["name"]!;
                var isSecret = expected.Secret.Contains(name);
                Assert.AreEqual(isSecret, variable.ContainsKey("secretRef"), $"{env}/{component}/{name}: secrets come only by secretRef");
                Assert.AreEqual(!isSecret, variable.ContainsKey("value"), $"{env}/{component}/{name}: a secret never has a value");
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Every_container_secret_is_a_key_vault_reference_through_the_components_own_identity(string env)
    {
        foreach (var (component, workload) in Workloads(env))
        {
            var secrets = workload["properties"]!["configuration"]!["secrets"]?.AsArray() ?? [];
            // Every component the catalogue gives a secret reads it here; one without (a worker may have none) has none.
            var readsSecrets = TodoSystem.Description.Component(component).Variables.Any(v => v.Source is SecretValue);
            Assert.AreEqual(readsSecrets, secrets.Count > 0, $"{env}/{component}: secrets in the template, as in the catalogue");
            foreach (var secret in secrets.Select(s => s!.AsObject()))
            {
                Assert.IsFalse(secret.ContainsKey("value"), $"{env}/{component}: secret {secret["name"]} is inlined");
                Assert.IsTrue(KeyVaultSecretName().IsMatch((string)secret["keyVaultUrl"]!), $"{env}/{component}: full secret URI of one secret");
                StringAssert.Contains((string)secret["keyVaultUrl"]!, ".secretUri]");
                Assert.AreEqual(component, ComponentOfIdentity((string)secret["identity"]!), $"{env}/{component}: secret read with another component's identity");
            }
            Assert.AreEqual("UserAssigned", (string)workload["identity"]!["type"]!);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Each_identity_may_read_exactly_its_secrets_and_nothing_wider(string env)
    {
        var grants = Resources(env, "Microsoft.Authorization/roleAssignments")
            .Where(r => ((string)r["properties"]!["roleDefinitionId"]!).Contains("4633458b-17de-408a-b874-0445c86b69e6", StringComparison.Ordinal))
            .Select(r => (Component: ComponentOfIdentity((string)r["properties"]!["principalId"]!), Id: (string)r["id"]!))
            .ToList();
        var workloads = Workloads(env);
        foreach (var (component, (_, secret)) in ContractMatrix)
        {
            var readable = KeyVaultSecretsOf(workloads[component], secret);
            Assert.AreEqual(secret.Count, readable.Count, $"{env}/{component}: each contract secret comes from a Key Vault secret");
            var scopes = grants.Where(g => g.Component == component)
                .Select(g => Regex.Match(g.Id, "/vaults/[^/]+/secrets/([^/]+)/providers/").Groups[1].Value)
                .ToList();
            Assert.IsTrue(scopes.All(s => s.Length > 0), $"{env}/{component}: a Key Vault role is scoped wider than one secret: {string.Join(", ", grants.Where(g => g.Component == component).Select(g => g.Id))}");
            CollectionAssert.AreEquivalent(readable.Values.ToList(), scopes, $"{env}/{component}: exactly the secrets of its contract variables");
            Assert.IsTrue(grants.Where(g => g.Component == component).All(g => (string?)Resources(env, "Microsoft.Authorization/roleAssignments").First(r => (string)r["id"]! == g.Id)["properties"]!["principalType"] == "ServicePrincipal"));
        }
        // The snapshot carries no dependsOn; the compiled template does. Each workload must wait for the role
        // assignment on every secret it reads (the platform resolves references when the revision starts).
        var compiled = JsonNode.Parse(GeneratedEnvironments.Get().Read(env, "main.json"))!["resources"]!.AsArray();
        foreach (var (component, (_, secret)) in ContractMatrix)
        {
            var workload = compiled.Select(r => r!.AsObject()).Single(r =>
                ((string)r["type"]! is "Microsoft.App/containerApps" or "Microsoft.App/jobs") && r["name"]!.ToJsonString().Contains($"-{component}", StringComparison.Ordinal));
            var dependsOn = workload["dependsOn"]!.AsArray().Select(d => (string)d!).ToList();
            foreach (var secretName in KeyVaultSecretsOf(workloads[component], secret).Values)
            {
                Assert.IsTrue(dependsOn.Any(d => d.Contains("'Microsoft.Authorization/roleAssignments'", StringComparison.Ordinal) && d.Contains($"'{secretName}'), 'Microsoft.Authorization", StringComparison.Ordinal)),
                    $"{env}/{component} must depend on its role assignment for {secretName}");
            }
        }
    }

    /// <summary>For each of <paramref name="variables"/> the workload reads by secretRef: the Key Vault secret behind it.</summary>
    private static Dictionary<string, string> KeyVaultSecretsOf(JsonObject workload, IEnumerable<string> variables)
    {
        var secrets = (workload["properties"]!["configuration"]!["secrets"]?.AsArray() ?? [])
            .ToDictionary(s => (string)s!["name"]!, s => KeyVaultSecretName().Match((string)s!["keyVaultUrl"]!).Groups[1].Value);
        var env = workload["properties"]!["template"]!["containers"]!.AsArray().SelectMany(c => c!["env"]?.AsArray() ?? [])
            .Where(e => e!["secretRef"] is not null)
            .ToDictionary(e => (string)e!["name"]!, e => (string)e!["secretRef"]!);
        return variables.Where(env.ContainsKey).ToDictionary(v => v, v => secrets[env[v]]);
    }

    [GeneratedRegex(@"/secrets/([^/']+)'")]
    private static partial Regex KeyVaultSecretName();

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Ingress_mcp_internal_frontend_backend_external_never_insecure(string env)
    {
        var workloads = Workloads(env);
        Assert.IsFalse((bool)workloads["mcp"]["properties"]!["configuration"]!["ingress"]!["external"]!);
        Assert.IsTrue((bool)workloads["frontend"]["properties"]!["configuration"]!["ingress"]!["external"]!);
        Assert.IsTrue((bool)workloads["backend"]["properties"]!["configuration"]!["ingress"]!["external"]!);
        Assert.IsFalse((bool)workloads["probe"]["properties"]!["configuration"]!["ingress"]!["external"]!);
        Assert.AreEqual("functionapp", (string)workloads["probe"]["kind"]!);
        foreach (var app in Resources(env, "Microsoft.App/containerApps"))
        {
            Assert.IsFalse((bool)app["properties"]!["configuration"]!["ingress"]!["allowInsecure"]!, (string)app["name"]!);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Every_app_has_startup_liveness_and_readiness_probes(string env)
    {
        foreach (var app in Resources(env, "Microsoft.App/containerApps"))
        {
            var types = app["properties"]!["template"]!["containers"]![0]!["probes"]!.AsArray().Select(p => (string)p!["type"]!).ToList();
            CollectionAssert.AreEquivalent(new[] { "Startup", "Liveness", "Readiness" }, types, (string)app["name"]!);
        }
    }

    [TestMethod]
    public void Dev_scales_to_zero_and_prod_keeps_two_replicas_with_an_http_rule()
    {
        foreach (var component in new[] { "frontend", "backend", "mcp" })
        {
            Assert.AreEqual(0, (int)Workloads("dev")[component]["properties"]!["template"]!["scale"]!["minReplicas"]!, $"dev/{component}");
            var prodScale = Workloads("prod")[component]["properties"]!["template"]!["scale"]!;
            Assert.IsTrue((int)prodScale["minReplicas"]! >= 2, $"prod/{component}");
            Assert.AreEqual("http-load", (string)prodScale["rules"]![0]!["name"]!);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Storage_never_grows_behind_the_templates_back_and_a_filling_disk_alerts(string env)
    {
        // Autogrow would grow the disk past storageSizeGB, and the next deployment's PUT cannot shrink it.
        var server = Resources(env, "Microsoft.DBforPostgreSQL/flexibleServers").Single();
        Assert.AreEqual("Disabled", (string)server["properties"]!["storage"]!["autoGrow"]!, env);

        var alert = Resources(env, "Microsoft.Insights/metricAlerts")
            .Single(a => ((JsonArray)a["properties"]!["scopes"]!).Select(x => (string)x!).Contains((string)server["id"]!));
        var criterion = alert["properties"]!["criteria"]!["allOf"]![0]!;
        Assert.AreEqual("storage_percent", (string)criterion["metricName"]!, env);
        Assert.AreEqual("Microsoft.DBforPostgreSQL/flexibleServers", (string)criterion["metricNamespace"]!, env);
        Assert.AreEqual("GreaterThanOrEqual", (string)criterion["operator"]!, env);
        Assert.AreEqual(80, (int)criterion["threshold"]!, env);
        var actionGroup = Resources(env, "Microsoft.Insights/actionGroups").Single();
        Assert.AreEqual((string)actionGroup["id"]!, (string)alert["properties"]!["actions"]![0]!["actionGroupId"]!, env);
    }

    [TestMethod]
    public void Prod_has_ha_long_geo_backups_purge_protection_locks_and_no_public_access()
    {
        var server = Resources("prod", "Microsoft.DBforPostgreSQL/flexibleServers").Single();
        Assert.AreEqual("ZoneRedundant", (string)server["properties"]!["highAvailability"]!["mode"]!);
        Assert.AreEqual(35, (int)server["properties"]!["backup"]!["backupRetentionDays"]!);
        Assert.AreEqual("Enabled", (string)server["properties"]!["backup"]!["geoRedundantBackup"]!);
        Assert.AreEqual("Disabled", (string)server["properties"]!["network"]!["publicNetworkAccess"]!);
        Assert.AreEqual("16", (string)server["properties"]!["version"]!);

        var vault = Resources("prod", "Microsoft.KeyVault/vaults").Single();
        Assert.IsTrue((bool)vault["properties"]!["enablePurgeProtection"]!);
        Assert.IsTrue((bool)vault["properties"]!["enableRbacAuthorization"]!);
        Assert.AreEqual("Disabled", (string)vault["properties"]!["publicNetworkAccess"]!);

        var locks = Resources("prod", "Microsoft.Authorization/locks").Select(l => (string)l["id"]!).ToList();
        Assert.IsTrue(locks.Any(l => l.Contains("/Microsoft.KeyVault/vaults/", StringComparison.Ordinal)), "Key Vault lock");
        Assert.IsTrue(locks.Any(l => l.Contains("/Microsoft.DBforPostgreSQL/flexibleServers/", StringComparison.Ordinal)), "PostgreSQL lock");
        Assert.IsTrue(Resources("prod", "Microsoft.Authorization/locks").All(l => (string)l["properties"]!["level"]! == "CanNotDelete"));

        var environment = Resources("prod", "Microsoft.App/managedEnvironments").Single();
        Assert.IsTrue((bool)environment["properties"]!["zoneRedundant"]!);
        Assert.AreEqual(4, Resources("prod", "Microsoft.Network/privateEndpoints").Count(), "Key Vault and storage blob/queue/table");

        Assert.AreEqual(0, Resources("dev", "Microsoft.Authorization/locks").Count());
        Assert.AreEqual("Disabled", (string)Resources("dev", "Microsoft.DBforPostgreSQL/flexibleServers").Single()["properties"]!["highAvailability"]!["mode"]!);
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Migration_job_is_manual_with_a_timeout_and_a_retry_and_runs_the_migrate_image(string env)
    {
        var job = Resources(env, "Microsoft.App/jobs").Single();
        var configuration = job["properties"]!["configuration"]!;
        Assert.AreEqual("Manual", (string)configuration["triggerType"]!);
        // replicaTimeout: DeploymentOrderTests ties it to the bundle's worst case and the postdeploy hook's wait.
        Assert.AreEqual(1, (int)configuration["replicaRetryLimit"]!);
        StringAssert.Contains((string)job["properties"]!["template"]!["containers"]![0]!["image"]!, "'todo-migrate:1.0.0'");
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Every_probe_check_has_an_alert_plus_security_and_silence_alerts_wired_to_the_action_group(string env)
    {
        var actionGroup = (string)Resources(env, "Microsoft.Insights/actionGroups").Single()["id"]!;
        var appInsights = (string)Resources(env, "Microsoft.Insights/components").Single()["id"]!;
        var rules = Resources(env, "Microsoft.Insights/scheduledQueryRules").ToList();
        // The names the probe reports (the catalogue's checks, each with one implementation in the probe), which the
        // alert queries must match.
        var checks = TodoSystem.Description.Checks.Select(c => c.Name).ToList();
        // Plus the security and "probe silent" rules, and one burn-rate rule per window pair of the objectives.
        Assert.AreEqual(checks.Count + 2 + TodoObjectives.BurnRates.Length, rules.Count);
        foreach (var rule in rules)
        {
            var properties = rule["properties"]!;
            Assert.AreEqual(appInsights, (string)properties["scopes"]![0]!, (string)rule["name"]!);
            Assert.AreEqual(actionGroup, (string)properties["actions"]!["actionGroups"]![0]!, (string)rule["name"]!);
            Assert.AreEqual("PT1M", (string)properties["evaluationFrequency"]!, "evaluated every minute, like the probe runs");
            Assert.IsTrue((bool)properties["autoMitigate"]!, "alerts resolve by themselves");
        }
        foreach (var check in checks)
        {
            var query = rules.Select(r => (string)r["properties"]!["criteria"]!["allOf"]![0]!["query"]!).Single(q => q.Contains($"name == '{check}'", StringComparison.Ordinal));
            StringAssert.Contains(query, "not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))", "fires after three failed runs in a row");
            StringAssert.Contains(query, "passedTwo = ok and prev(ok, 1)", "resolves after two passing runs");
            StringAssert.Contains(query, "!= 'skipped'", "skipped results are left to their root cause's alert");
        }
        var silent = rules.Single(r => ((string)r["name"]!).EndsWith("probe-silent", StringComparison.Ordinal))["properties"]!;
        Assert.AreEqual("PT5M", (string)silent["windowSize"]!);
        Assert.AreEqual("LessThan", (string)silent["criteria"]!["allOf"]![0]!["operator"]!);
        var security = rules.Single(r => ((string)r["name"]!).EndsWith("auth-security", StringComparison.Ordinal))["properties"]!;
        Assert.AreEqual(0, (int)security["severity"]!, "an accepted forged token is the most severe alert");
        var securityQuery = (string)security["criteria"]!["allOf"]![0]!["query"]!;
        StringAssert.Contains(securityQuery, "'security-fail'");
        foreach (var check in TodoSystem.Description.Checks)
        {
            Assert.AreEqual(check.Alert == AlertPolicy.AvailabilityAndSecurity, securityQuery.Contains($"'{check.Name}'", StringComparison.Ordinal),
                $"the security alert covers exactly the checks whose policy says so ({check.Name})");
        }
        Assert.IsTrue((bool)Resources(env, "Microsoft.Insights/components").Single()["properties"]!["DisableLocalAuth"]!, "availability results only with Entra auth, so nobody can forge green results");
        var emails = Resources(env, "Microsoft.Insights/actionGroups").Single()["properties"]!["emailReceivers"]!.AsArray();
        Assert.AreEqual(1, emails.Count);
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Key_vault_database_and_registry_send_all_logs_and_metrics_to_log_analytics(string env)
    {
        var workspace = (string)Resources(env, "Microsoft.OperationalInsights/workspaces").Single()["id"]!;
        var settings = Resources(env, "Microsoft.Insights/diagnosticSettings").ToList();
        foreach (var type in new[] { "Microsoft.KeyVault/vaults", "Microsoft.DBforPostgreSQL/flexibleServers", "Microsoft.ContainerRegistry/registries" })
        {
            var target = (string)Resources(env, type).Single()["id"]!;
            var setting = settings.Single(s => ((string)s["id"]!).StartsWith(target + "/providers/Microsoft.Insights/diagnosticSettings/", StringComparison.Ordinal));
            Assert.AreEqual(workspace, (string)setting["properties"]!["workspaceId"]!, type);
            Assert.AreEqual("allLogs", (string)setting["properties"]!["logs"]![0]!["categoryGroup"]!, type);
            Assert.AreEqual("AllMetrics", (string)setting["properties"]!["metrics"]![0]!["category"]!, type);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Tls_is_required_by_the_database_server(string env)
    {
        var setting = Resources(env, "Microsoft.DBforPostgreSQL/flexibleServers/configurations").Single(c => ((string)c["name"]!).EndsWith("require_secure_transport", StringComparison.Ordinal));
        Assert.AreEqual("ON", ((string)setting["properties"]!["value"]!).ToUpperInvariant());
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Every_taggable_resource_carries_the_azd_tags(string env)
    {
        foreach (var resource in GeneratedEnvironments.Get().PredictedResources(env).Select(r => r!.AsObject()).Where(r => r.ContainsKey("location")))
        {
            Assert.AreEqual(env, (string?)resource["tags"]?["azd-env-name"], $"{resource["type"]} {resource["name"]}");
        }
        foreach (var (component, workload) in Workloads(env))
        {
            Assert.AreEqual(component, (string)workload["tags"]!["azd-service-name"]!);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Secret_values_reach_key_vault_and_nothing_else(string env)
    {
        var workspace = GeneratedEnvironments.Get();
        foreach (var file in new[] { "main.bicep", "main.bicepparam", "README.md", "main.json", "bootstrap.bicep", "bootstrap.bicepparam", "bootstrap.json", "data.bicep", "data.bicepparam", "data.json" })
        {
            var text = workspace.Read(env, file);
            foreach (var secret in GeneratedEnvironments.SecretValues.Values)
            {
                Assert.IsFalse(text.Contains(secret, StringComparison.Ordinal), $"{env}/{file} contains a secret value");
            }
        }
        foreach (var resource in workspace.PredictedResources(env).Concat(workspace.PredictedResources(env, "bootstrap")).Concat(workspace.PredictedResources(env, "data")).Select(r => r!.AsObject()))
        {
            var type = (string)resource["type"]!;
            var text = resource.ToJsonString();
            var holdsSecret = GeneratedEnvironments.SecretValues.Values.Any(s => text.Contains(s, StringComparison.Ordinal) || text.Contains(Uri.EscapeDataString(s), StringComparison.Ordinal));
            var allowed = type is "Microsoft.KeyVault/vaults/secrets" or "Microsoft.DBforPostgreSQL/flexibleServers";
            Assert.IsTrue(!holdsSecret || allowed, $"{env}: a secret value reached {type} {resource["name"]}");
        }
        var outputs = JsonNode.Parse(workspace.Read(env, "main.json"))!["outputs"]!.AsObject();
        Assert.IsTrue(outputs.Count > 5, "the outputs people and azd need");
        foreach (var (name, output) in outputs.Concat(JsonNode.Parse(workspace.Read(env, "bootstrap.json"))!["outputs"]!.AsObject()).Concat(JsonNode.Parse(workspace.Read(env, "data.json"))!["outputs"]!.AsObject()))
        {
            Assert.AreEqual("string", (string)output!["type"]!, $"output {name} must be a plain string, never a secure one");
        }
    }

    /// <summary>docs/contract.md "Database roles": one URL secret per role, holding that role's percent-encoded password, read by one identity.</summary>
    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Each_database_role_has_its_own_url_secret_read_by_its_component_alone(string env)
    {
        var secrets = Resources(env, "Microsoft.KeyVault/vaults/secrets").ToDictionary(s => ((string)s["name"]!).Split('/')[^1], s => s);
        var grants = Resources(env, "Microsoft.Authorization/roleAssignments")
            .Select(r => (Component: ComponentOfIdentity((string)r["properties"]!["principalId"]!), Id: (string)r["id"]!))
            .ToList();
        var parameterFile = GeneratedEnvironments.Get().Read(env, "main.bicepparam");
        var mainBicep = GeneratedEnvironments.Get().Read(env, "main.bicep");
        foreach (var (role, component, secret, variable, parameter) in ContractDocument.DatabaseRoles())
        {
            // The secret is referenced, never written: `secrets init` creates the URL (tests/Cli.Tests, SecretsInitTests).
            Assert.IsFalse(secrets.ContainsKey(secret), $"{env}: no deployment writes {secret}");
            StringAssert.Contains(mainBicep, $"existing = {{\n  parent: keyVault\n  name: '{secret}'\n}}", $"{env}: {secret} is an existing secret of the vault");
            Assert.IsFalse(parameterFile.Contains(variable, StringComparison.Ordinal), $"{env}: main.bicepparam reads no {variable} ({parameter})");
            var readers = grants.Where(g => g.Id.Contains($"/secrets/{secret}/", StringComparison.Ordinal)).Select(g => g.Component).ToList();
            CollectionAssert.AreEqual(new[] { component }, readers, $"{env}/{secret}: read by exactly one identity");
        }
        var migrate = Workloads(env)["migrate"];
        var expected = ContractDocument.MigrateSecrets();
        CollectionAssert.AreEquivalent(expected.ToList(), KeyVaultSecretsOf(migrate, expected.Keys).ToList(), $"{env}: the migration job's variables and their secrets");
        foreach (var secret in expected.Values)
        {
            CollectionAssert.AreEqual(new[] { "migrate" }, grants.Where(g => g.Id.Contains($"/secrets/{secret}/", StringComparison.Ordinal)).Select(g => g.Component).ToList(),
                $"{env}/{secret}: only the migration job may read it");
        }
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Every_name_satisfies_azures_rules_for_its_type(string env)
    {
        var rules = new Dictionary<string, Regex>
        {
            ["Microsoft.KeyVault/vaults"] = new("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$"),
            ["Microsoft.Storage/storageAccounts"] = new("^[a-z0-9]{3,24}$"),
            ["Microsoft.ContainerRegistry/registries"] = new("^[a-zA-Z0-9]{5,50}$"),
            ["Microsoft.App/containerApps"] = new("^[a-z][a-z0-9-]{0,30}[a-z0-9]$"),
            ["Microsoft.App/jobs"] = new("^[a-z][a-z0-9-]{0,30}[a-z0-9]$"),
            ["Microsoft.App/managedEnvironments"] = new("^[a-zA-Z0-9][a-zA-Z0-9-]{0,58}[a-zA-Z0-9]$"),
            ["Microsoft.DBforPostgreSQL/flexibleServers"] = new("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$"),
            ["Microsoft.OperationalInsights/workspaces"] = new("^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$"),
            ["Microsoft.ManagedIdentity/userAssignedIdentities"] = new("^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$"),
        };
        foreach (var resource in GeneratedEnvironments.Get().PredictedResources(env).Select(r => r!.AsObject()))
        {
            if (rules.TryGetValue((string)resource["type"]!, out var rule))
            {
                StringAssert.Matches((string)resource["name"]!, rule, $"{env}: {resource["type"]}");
            }
        }
    }
}
