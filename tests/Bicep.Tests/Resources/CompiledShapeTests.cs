using System.Text.Json.Nodes;
using static Provisioning.Bicep.Tests.Resources.ArmJson;

namespace Provisioning.Bicep.Tests.Resources;

/// <summary>Assertions on the ARM JSON the real Bicep CLI compiled from the typed resources (the shapes Azure receives).</summary>
[TestClass]
public sealed class CompiledShapeTests
{
    private const string SecretsUserGuid = "4633458b-17de-408a-b874-0445c86b69e6";

    private static CompiledTemplates s_compiled = null!;

    [ClassInitialize]
    public static void CompileAll(TestContext context)
    {
        _ = context;
        s_compiled = CompiledTemplates.Samples;
        s_compiled.Run.AssertClean();
    }

    private static JsonObject Apps => s_compiled.Arm("apps.bicep");

    [TestMethod]
    public void Key_vault_reference_secret_has_the_full_secret_uri_and_the_user_assigned_identity()
    {
        var backend = Resource(Apps, "Microsoft.App/containerApps", "backend");
        var secret = backend["properties"]!["configuration"]!["secrets"]!.AsArray().Single()!;
        Assert.AreEqual("jwt-secret-key", Text(secret, "name"));
        StringAssert.Contains(Text(secret, "keyVaultUrl"), "'Microsoft.KeyVault/vaults/secrets', 'kv-todo-dev-x7q2', 'jwt-secret-key'");
        StringAssert.EndsWith(Text(secret, "keyVaultUrl"), ".secretUri]");
        Assert.AreEqual("[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-todo-backend-dev')]", Text(secret, "identity"));
        Assert.IsNull(secret["value"], "a Key Vault reference carries no value");
        var identities = backend["identity"]!["userAssignedIdentities"]!.AsObject();
        Assert.AreEqual("UserAssigned", Text(backend, "identity.type"));
        Assert.AreEqual("[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-todo-backend-dev'))]", identities.Single().Key);
    }

    [TestMethod]
    public void Env_var_refers_to_the_secret_by_name_and_plain_values_stay_plain()
    {
        var env = Resource(Apps, "Microsoft.App/containerApps", "backend")["properties"]!["template"]!["containers"]![0]!["env"]!.AsArray();
        var jwt = env.Single(e => Text(e, "name") == "JWT_SECRET_KEY")!;
        Assert.AreEqual("jwt-secret-key", Text(jwt, "secretRef"));
        Assert.IsNull(jwt["value"]);
        var plain = env.Single(e => Text(e, "name") == "FRONTEND_URL")!;
        Assert.AreEqual("https://todo.example.com", Text(plain, "value"));
        Assert.IsNull(plain["secretRef"]);
    }

    [TestMethod]
    public void Role_assignment_is_scoped_to_the_single_secret_with_a_stable_name_and_service_principal_type()
    {
        var role = ResourcesOfType(Apps, "Microsoft.Authorization/roleAssignments")
            .Single(r => Text(r, "name").Contains("id-todo-backend-dev", StringComparison.Ordinal));
        Assert.AreEqual("[resourceId('Microsoft.KeyVault/vaults/secrets', 'kv-todo-dev-x7q2', 'jwt-secret-key')]", Text(role, "scope"));
        Assert.AreEqual(
            $"[guid(resourceId('Microsoft.KeyVault/vaults/secrets', 'kv-todo-dev-x7q2', 'jwt-secret-key'), resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-todo-backend-dev'), '{SecretsUserGuid}')]",
            Text(role, "name"));
        Assert.AreEqual("ServicePrincipal", Text(role, "properties.principalType"));
        Assert.AreEqual($"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{SecretsUserGuid}')]", Text(role, "properties.roleDefinitionId"));
        StringAssert.Contains(Text(role, "properties.principalId"), "'id-todo-backend-dev'");
        StringAssert.EndsWith(Text(role, "properties.principalId"), ".principalId]");
    }

    [TestMethod]
    public void App_and_job_depend_on_their_role_assignment()
    {
        foreach (var (type, name, identity) in new[]
        {
            ("Microsoft.App/containerApps", "backend", "id-todo-backend-dev"),
            ("Microsoft.App/containerApps", "probe", "id-todo-probe-dev"),
            ("Microsoft.App/jobs", "migrate", "id-todo-migrate-dev"),
        })
        {
            var dependsOn = DependsOn(Resource(Apps, type, name));
            Assert.IsTrue(
                dependsOn.Any(d => d.Contains("'Microsoft.Authorization/roleAssignments'", StringComparison.Ordinal) && d.Contains(identity, StringComparison.Ordinal)),
                $"{name} must depend on its role assignment: {string.Join(", ", dependsOn)}");
        }
    }

    [TestMethod]
    public void Functions_container_app_has_kind_functionapp()
    {
        Assert.AreEqual("functionapp", Text(Resource(Apps, "Microsoft.App/containerApps", "probe"), "kind"));
        Assert.IsNull(Resource(Apps, "Microsoft.App/containerApps", "backend")["kind"]);
    }

    [TestMethod]
    public void Internal_ingress_is_not_external_and_no_app_allows_insecure_http()
    {
        var mcp = Resource(Apps, "Microsoft.App/containerApps", "mcp");
        Assert.AreEqual("false", Text(mcp, "properties.configuration.ingress.external"));
        Assert.AreEqual("8001", Text(mcp, "properties.configuration.ingress.targetPort"));
        foreach (var app in ResourcesOfType(Apps, "Microsoft.App/containerApps").Where(a => a["properties"]!["configuration"]!["ingress"] is not null))
        {
            Assert.AreEqual("false", Text(app, "properties.configuration.ingress.allowInsecure"), Text(app, "name"));
        }
    }

    [TestMethod]
    public void Container_resources_probes_and_scale_have_the_platform_shapes()
    {
        var backend = Resource(Apps, "Microsoft.App/containerApps", "backend");
        Assert.AreEqual("[json('0.5')]", Text(backend, "properties.template.containers.0.resources.cpu"));
        Assert.AreEqual("1Gi", Text(backend, "properties.template.containers.0.resources.memory"));
        var probes = backend["properties"]!["template"]!["containers"]![0]!["probes"]!.AsArray();
        CollectionAssert.AreEqual(new[] { "Startup", "Liveness", "Readiness" }, probes.Select(p => Text(p, "type")).ToArray());
        Assert.AreEqual("/health", Text(probes[0], "httpGet.path"));
        Assert.AreEqual("2", Text(backend, "properties.template.scale.minReplicas"));
        Assert.AreEqual("50", Text(backend, "properties.template.scale.rules.0.http.metadata.concurrentRequests"));
    }

    [TestMethod]
    public void Job_has_a_manual_trigger_with_timeout_and_retries()
    {
        var job = Resource(Apps, "Microsoft.App/jobs", "migrate");
        Assert.AreEqual("Manual", Text(job, "properties.configuration.triggerType"));
        Assert.AreEqual("600", Text(job, "properties.configuration.replicaTimeout"));
        Assert.AreEqual("2", Text(job, "properties.configuration.replicaRetryLimit"));
        Assert.AreEqual("1", Text(job, "properties.configuration.manualTriggerConfig.parallelism"));
        Assert.AreEqual("database-url", Text(job, "properties.configuration.secrets.0.name"));
    }

    [TestMethod]
    public void Environment_sends_logs_to_the_workspace_with_its_key_from_listKeys()
    {
        var environment = Resource(Apps, "Microsoft.App/managedEnvironments", "cae-todo-dev");
        Assert.AreEqual("log-analytics", Text(environment, "properties.appLogsConfiguration.destination"));
        StringAssert.EndsWith(Text(environment, "properties.appLogsConfiguration.logAnalyticsConfiguration.customerId"), ".customerId]");
        StringAssert.Contains(Text(environment, "properties.appLogsConfiguration.logAnalyticsConfiguration.sharedKey"), "listKeys(");
        Assert.AreEqual("Consumption", Text(environment, "properties.workloadProfiles.0.workloadProfileType"));

        var prod = Resource(s_compiled.Arm("network.bicep"), "Microsoft.App/managedEnvironments", "cae-todo-prod");
        Assert.AreEqual("true", Text(prod, "properties.zoneRedundant"));
        StringAssert.Contains(Text(prod, "properties.vnetConfiguration.infrastructureSubnetId"), "subnets[0].id");
    }

    [TestMethod]
    public void Key_vault_uses_rbac_and_soft_delete_and_prod_adds_purge_protection_and_a_lock()
    {
        var dev = Resource(Apps, "Microsoft.KeyVault/vaults", "kv-todo-dev");
        Assert.AreEqual("true", Text(dev, "properties.enableRbacAuthorization"));
        Assert.AreEqual("true", Text(dev, "properties.enableSoftDelete"));
        Assert.IsNull(dev["properties"]!["enablePurgeProtection"], "purge protection cannot be switched off again, so 'off' is omitted");

        var network = s_compiled.Arm("network.bicep");
        var prod = Resource(network, "Microsoft.KeyVault/vaults", "kv-todo-prod");
        Assert.AreEqual("true", Text(prod, "properties.enablePurgeProtection"));
        Assert.AreEqual("Disabled", Text(prod, "properties.publicNetworkAccess"));
        Assert.AreEqual("Deny", Text(prod, "properties.networkAcls.defaultAction"));
        var vaultLock = Resource(network, "Microsoft.Authorization/locks", "do-not-delete");
        Assert.AreEqual("CanNotDelete", Text(vaultLock, "properties.level"));
        Assert.AreEqual("[resourceId('Microsoft.KeyVault/vaults', 'kv-todo-prod-x7q2')]", Text(vaultLock, "scope"));
    }

    [TestMethod]
    public void Key_vault_secret_value_comes_from_the_secure_parameter()
    {
        var secret = Resource(Apps, "Microsoft.KeyVault/vaults/secrets", "jwt-secret-key");
        Assert.AreEqual("[parameters('jwtSecretKey')]", Text(secret, "properties.value"));
        Assert.AreEqual("securestring", Text(Apps, "parameters.jwtSecretKey.type"));
    }

    [TestMethod]
    public void PostgreSql_server_is_version_16_with_tls_enforced_ha_and_long_geo_redundant_backups()
    {
        var data = s_compiled.Arm("data.bicep");
        var server = Resource(data, "Microsoft.DBforPostgreSQL/flexibleServers", "psql-todo-prod");
        Assert.AreEqual("16", Text(server, "properties.version"));
        Assert.AreEqual("GeneralPurpose", Text(server, "sku.tier"));
        Assert.AreEqual("ZoneRedundant", Text(server, "properties.highAvailability.mode"));
        Assert.AreEqual("35", Text(server, "properties.backup.backupRetentionDays"));
        Assert.AreEqual("Enabled", Text(server, "properties.backup.geoRedundantBackup"));
        Assert.AreEqual("[parameters('postgresAdminPassword')]", Text(server, "properties.administratorLoginPassword"));
        var tls = Resource(data, "Microsoft.DBforPostgreSQL/flexibleServers/configurations", "require_secure_transport");
        Assert.AreEqual("ON", Text(tls, "properties.value"));
        Assert.AreEqual("todo')]", Text(Resource(data, "Microsoft.DBforPostgreSQL/flexibleServers/databases", "'todo'"), "name").Split(", '")[^1]);
        Assert.AreEqual("CanNotDelete", Text(Resource(data, "Microsoft.Authorization/locks", "do-not-delete"), "properties.level"));

        var vnetServer = Resource(s_compiled.Arm("network.bicep"), "Microsoft.DBforPostgreSQL/flexibleServers", "psql-todo-prod");
        Assert.AreEqual("Disabled", Text(vnetServer, "properties.network.publicNetworkAccess"));
        StringAssert.Contains(Text(vnetServer, "properties.network.delegatedSubnetResourceId"), "subnets[1].id");
    }

    [TestMethod]
    public void Storage_account_disables_shared_keys_and_public_blobs_and_requires_tls_1_2()
    {
        var storage = s_compiled.Arm("storage.bicep");
        var account = Resource(storage, "Microsoft.Storage/storageAccounts", "sttodoprobedev");
        Assert.AreEqual("false", Text(account, "properties.allowSharedKeyAccess"));
        Assert.AreEqual("false", Text(account, "properties.allowBlobPublicAccess"));
        Assert.AreEqual("TLS1_2", Text(account, "properties.minimumTlsVersion"));
        var roles = ResourcesOfType(storage, "Microsoft.Authorization/roleAssignments").Select(r => Text(r, "properties.roleDefinitionId")).ToList();
        foreach (var guid in new[] { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "7f951dda-4ed3-4680-a7ca-43fe172d538d" })
        {
            Assert.IsTrue(roles.Any(r => r.Contains(guid, StringComparison.Ordinal)), guid);
        }
        var registry = Resource(storage, "Microsoft.ContainerRegistry/registries", "crtododev");
        Assert.AreEqual("false", Text(registry, "properties.adminUserEnabled"));
        var job = Resource(storage, "Microsoft.App/jobs", "migrate");
        StringAssert.EndsWith(Text(job, "properties.configuration.registries.0.server"), ".loginServer]");
        StringAssert.Contains(Text(job, "properties.configuration.registries.0.identity"), "'id-todo-probe-dev'");
    }

    [TestMethod]
    public void Diagnostic_settings_send_all_logs_and_metrics_to_the_workspace()
    {
        var monitoring = s_compiled.Arm("monitoring.bicep");
        var settings = Resource(monitoring, "Microsoft.Insights/diagnosticSettings", "to-log-analytics");
        Assert.AreEqual("allLogs", Text(settings, "properties.logs.0.categoryGroup"));
        Assert.AreEqual("AllMetrics", Text(settings, "properties.metrics.0.category"));
        Assert.AreEqual("[resourceId('Microsoft.Insights/components', 'appi-todo-prod')]", Text(settings, "scope"));
        StringAssert.Contains(s_compiled.Sources["monitoring.bicep"], "#disable-next-line use-recent-api-versions\nresource insightsDiagnostics");
    }

    [TestMethod]
    public void Alerts_have_failing_periods_auto_mitigation_and_the_action_group()
    {
        var monitoring = s_compiled.Arm("monitoring.bicep");
        var silent = Resource(monitoring, "Microsoft.Insights/scheduledQueryRules", "probe went silent");
        Assert.AreEqual("LessThan", Text(silent, "properties.criteria.allOf.0.operator"));
        Assert.AreEqual("2", Text(silent, "properties.criteria.allOf.0.failingPeriods.numberOfEvaluationPeriods"));
        Assert.AreEqual("2", Text(silent, "properties.criteria.allOf.0.failingPeriods.minFailingPeriodsToAlert"));
        Assert.AreEqual("PT15M", Text(silent, "properties.windowSize"));
        Assert.AreEqual("true", Text(silent, "properties.autoMitigate"));
        StringAssert.Contains(Text(silent, "properties.actions.actionGroups.0"), "'ag-todo-prod'");
        var metric = Resource(monitoring, "Microsoft.Insights/metricAlerts", "failed requests");
        Assert.AreEqual("Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria", (string?)metric["properties"]!["criteria"]!["odata.type"]);
        StringAssert.Contains(Text(metric, "properties.actions.0.actionGroupId"), "'ag-todo-prod'");
        var insights = Resource(monitoring, "Microsoft.Insights/components", "appi-todo-prod");
        Assert.AreEqual("LogAnalytics", Text(insights, "properties.IngestionMode"));
    }

    [TestMethod]
    public void A_workbook_is_shared_named_by_a_guid_and_holds_its_queries_as_written()
    {
        var monitoring = s_compiled.Arm("monitoring.bicep");
        var workbook = Resource(monitoring, "Microsoft.Insights/workbooks", "'slo-workbook'");
        Assert.AreEqual("shared", Text(workbook, "kind"));
        Assert.AreEqual("Notebook/1.0", Text(workbook, "properties.version"));
        Assert.AreEqual("[resourceId('Microsoft.Insights/components', 'appi-todo-prod')]", Text(workbook, "properties.sourceId"));
        // ARM receives the content as one JSON string, fixed at generation time; quotes and newlines of the KQL survive.
        var content = System.Text.Json.Nodes.JsonNode.Parse(Text(workbook, "properties.serializedData"))!;
        Assert.AreEqual("Notebook/1.0", (string?)content["version"]);
        var query = content["items"]![1]!["content"]!;
        Assert.AreEqual("availabilityResults\n| where success == false and name != 'x'\n| take 10", (string?)query["query"]);
        Assert.AreEqual(7L * 24 * 3600 * 1000, (long?)query["timeContext"]!["durationMs"]);
        Assert.AreEqual("## Success criteria\n\nFrom the probe's results.", (string?)content["items"]![0]!["content"]!["json"]);
    }

    [TestMethod]
    public void Private_endpoint_registers_in_its_dns_zone_linked_to_the_network()
    {
        var network = s_compiled.Arm("network.bicep");
        var endpoint = Resource(network, "Microsoft.Network/privateEndpoints", "pe-kv-todo-prod");
        Assert.AreEqual("vault", Text(endpoint, "properties.privateLinkServiceConnections.0.properties.groupIds.0"));
        var group = Resource(network, "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", "default");
        StringAssert.Contains(Text(group, "properties.privateDnsZoneConfigs.0.properties.privateDnsZoneId"), "privatelink.vaultcore.azure.net");
        var link = Resource(network, "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "privatelink.vaultcore.azure.net");
        Assert.AreEqual("false", Text(link, "properties.registrationEnabled"));
        var subnets = Resource(network, "Microsoft.Network/virtualNetworks", "vnet-todo-prod")["properties"]!["subnets"]!.AsArray();
        Assert.AreEqual("Microsoft.App/environments", Text(subnets[0], "properties.delegations.0.properties.serviceName"));
        Assert.AreEqual("Microsoft.DBforPostgreSQL/flexibleServers", Text(subnets[1], "properties.delegations.0.properties.serviceName"));
    }
}
