using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioning.Database.DesignTime;

namespace Provisioning.Environments.Tests.Generation;

/// <summary>
/// A first deployment that does not depend on winning a race (docs/deployment.md): read from the templates the Bicep
/// compiler produced, not from our model, because the order Azure Resource Manager follows is the compiled one.
/// </summary>
[TestClass]
public sealed partial class DeploymentOrderTests
{
    public static IEnumerable<object[]> Environments => GeneratedEnvironments.Names.Select(n => new object[] { n });

    /// <summary>Types whose resources a workload needs, granted, when it is created; the bootstrap must deploy them.</summary>
    private static readonly string[] AccessTypes =
    [
        "Microsoft.Authorization/roleAssignments",
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        "Microsoft.ContainerRegistry/registries",
        "Microsoft.KeyVault/vaults",
        "Microsoft.KeyVault/vaults/secrets",
        "Microsoft.Storage/storageAccounts",
    ];

    [TestMethod]
    public void In_prod_every_workload_waits_for_the_private_path_to_key_vault_and_the_probe_for_its_storage()
    {
        var graph = DependencyGraph.Of("prod");
        var vaultPath = PrivatePath(graph, "vault");
        var workloads = graph.Workloads().ToList();
        CollectionAssert.AreEquivalent(TodoSystem.Components.Select(c => c.WorkloadSymbol).ToList(), workloads, "one workload per component of the catalogue");
        // Only a workload that reads a Key Vault secret needs the private path to the vault.
        var readers = TodoSystem.Components.Where(c => c.Variables.Any(v => v.IsSecret)).Select(c => c.WorkloadSymbol).ToHashSet(StringComparer.Ordinal);
        foreach (var workload in workloads.Where(readers.Contains))
        {
            Assert.IsNotEmpty(KeyVaultSecretsOf(Evaluated("prod", graph, workload)), $"{workload} reads a Key Vault secret, so its reference needs the private path");
            var waitsFor = graph.DependenciesOf(workload);
            foreach (var part in vaultPath)
            {
                Assert.Contains(part, waitsFor, $"{workload} is created before {part} (private endpoint, its DNS zone group and the zone's VNet link must all exist for the reference to resolve)");
            }
        }

        var functionApps = workloads.Where(w => (string?)graph.Resources[w]["kind"] == "functionapp").ToList();
        Assert.HasCount(1, functionApps);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            foreach (var part in PrivatePath(graph, service))
            {
                Assert.Contains(part, graph.DependenciesOf(functionApps[0]), $"the Functions host reaches its {service} storage only over {part}");
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Every_workload_given_a_database_url_waits_for_the_whole_database_path(string env)
    {
        var graph = DependencyGraph.Of(env);
        var server = graph.SymbolsOfType("Microsoft.DBforPostgreSQL/flexibleServers").Single();
        string Child(string type) => graph.SymbolsOfType("Microsoft.DBforPostgreSQL/flexibleServers/" + type)
            .Single(s => type != "firewallRules" || ((string)graph.Resources[s]["name"]!).Contains("AllowAzureServices", StringComparison.Ordinal));
        var zone = graph.SymbolsOfType("Microsoft.Network/privateDnsZones").SingleOrDefault(z => graph.DependenciesOf(server).Contains(z));
        // The way in: the Azure-services firewall rule of a public server, the private DNS zone's VNet link of a
        // VNet-integrated one (the server's name resolves only through it).
        var wayIn = zone is null ? Child("firewallRules") : ZoneLink(graph, zone);
        string[] path = [server, Child("databases"), Child("configurations"), wayIn];

        var clients = graph.Workloads().Where(w => EnvironmentVariables(Evaluated(env, graph, w)).Contains("DATABASE_URL")).ToList();
        Assert.IsTrue(clients.Any(c => c.StartsWith("backend", StringComparison.Ordinal)), $"{env}: the backend is given DATABASE_URL");
        foreach (var client in clients)
        {
            var waitsFor = graph.DependenciesOf(client);
            foreach (var part in path)
            {
                Assert.Contains(part, waitsFor, $"{env}: {client} starts connecting to the database at once but can be created before {part}");
            }
        }
    }

    /// <summary>The resource with bootstrap's <c>secretsExist</c> taken out of its condition (alone, or and-ed first).</summary>
    private static JsonNode WithoutSecretsExist(JsonNode resource)
    {
        const string flag = "parameters('secretsExist')";
        var copy = resource.DeepClone().AsObject();
        switch ((string?)copy["condition"])
        {
            case "[" + flag + "]":
                copy.Remove("condition");
                break;
            case { } condition when condition.StartsWith("[and(" + flag + ", ", StringComparison.Ordinal):
                copy["condition"] = "[" + condition["[and(".Length..^"])".Length].Replace(flag + ", ", "", StringComparison.Ordinal) + "]";
                break;
        }
        return copy;
    }

    public static IEnumerable<object[]> StageTemplates =>
        GeneratedEnvironments.Names.SelectMany(env => GeneratedEnvironments.Workspace.StageTemplates.Select(template => new object[] { env, template }));

    [TestMethod]
    [DynamicData(nameof(StageTemplates))]
    public void A_stage_template_declares_each_of_its_resources_exactly_as_main_does(string env, string template)
    {
        var stage = DependencyGraph.Of(env, template);
        var main = DependencyGraph.Of(env);
        Assert.IsGreaterThan(20, stage.Resources.Count, "identities, registry, vault, secrets, storage and their grants at least");
        foreach (var (symbol, resource) in stage.Resources)
        {
            Assert.IsTrue(main.Resources.TryGetValue(symbol, out var same), $"{env}: {template} declares {symbol}, main does not");
            // The one allowed difference: bootstrap's secrets and their grants also wait for `secrets init` (secretsExist).
            var unflagged = WithoutSecretsExist(resource);
            Assert.IsTrue(JsonNode.DeepEquals(unflagged, same), $"{env}: {symbol} differs between {template}.json and main.json:\n{unflagged.ToJsonString()}\n{same!.ToJsonString()}");
        }

        // Its parameters, variables and outputs too: a parameter read differently, or an output azd stores under the same
        // name with another value, would make the two deployments disagree. (bootstrap's secretsExist is its own.)
        var workspace = GeneratedEnvironments.Get();
        var compiledMain = JsonNode.Parse(workspace.Read(env, "main.json"))!;
        var compiled = JsonNode.Parse(workspace.Read(env, template + ".json"))!;
        foreach (var section in new[] { "parameters", "variables", "outputs" })
        {
            foreach (var (name, declaration) in compiled[section]?.AsObject() ?? [])
            {
                if (section == "parameters" && name == Provisioning.Environments.Todo.TodoTemplate.SecretsExistParameter)
                {
                    continue;
                }
                var same = compiledMain[section]?[name];
                Assert.IsTrue(same is not null && JsonNode.DeepEquals(declaration, same), $"{env}: {section} {name} differs between {template}.json and main.json");
            }
        }

        // Evaluated with the same deployment inputs, both templates write the very same resources (names included).
        workspace.StageSnapshotRun(env, template).AssertClean();
        var predicted = workspace.PredictedResources(env).ToDictionary(r => (string)r!["id"]!, r => r!);
        foreach (var resource in workspace.PredictedResources(env, template))
        {
            var id = (string)resource!["id"]!;
            Assert.IsTrue(predicted.TryGetValue(id, out var same) && JsonNode.DeepEquals(resource, same), $"{env}: {id} evaluates differently in {template} and main");
        }

        // The stage's parameter file reads each value the way main's does.
        var mainParameters = workspace.Read(env, "main.bicepparam").Split('\n');
        foreach (var line in workspace.Read(env, template + ".bicepparam").Split('\n').Where(l => l.StartsWith("param ", StringComparison.Ordinal) && !l.StartsWith("param secretsExist ", StringComparison.Ordinal)))
        {
            Assert.Contains(line, mainParameters, $"{env}: {template}.bicepparam assigns differently: {line}");
        }
    }

    /// <summary>
    /// The data stage creates what the migration needs and nothing that logs in with a role the migration creates:
    /// the job, the server, its database and network path, the apps environment; no app and no probe (main.bicep
    /// creates those after the migration stage).
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void The_data_template_holds_the_migration_job_and_the_database_but_no_app(string env)
    {
        var data = DependencyGraph.Of(env, "data");
        var types = data.Resources.Values.Select(r => (string)r!["type"]!).ToList();

        Assert.DoesNotContain("Microsoft.App/containerApps", types, $"{env}: an app in data.bicep would start before its database role exists");
        CollectionAssert.Contains(types, "Microsoft.App/jobs");
        CollectionAssert.Contains(types, "Microsoft.DBforPostgreSQL/flexibleServers");
        CollectionAssert.Contains(types, "Microsoft.DBforPostgreSQL/flexibleServers/databases");
        CollectionAssert.Contains(types, "Microsoft.App/managedEnvironments");
        var main = DependencyGraph.Of(env);
        Assert.IsTrue(main.Resources.Values.Any(r => (string)r!["type"]! == "Microsoft.App/containerApps"), "main.bicep still creates the apps");
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Every_grant_and_secret_a_workload_waits_for_is_deployed_ahead_by_the_bootstrap(string env)
    {
        var bootstrap = DependencyGraph.Of(env, "bootstrap");
        var main = DependencyGraph.Of(env);
        var checkedGrants = 0;
        foreach (var workload in main.Workloads())
        {
            foreach (var dependency in main.DependenciesOf(workload).Where(d => AccessTypes.Contains((string)main.Resources[d]["type"]!, StringComparer.OrdinalIgnoreCase)))
            {
                Assert.IsTrue(bootstrap.Resources.ContainsKey(dependency),
                    $"{env}: {workload} needs {dependency} when it is created, but only main.bicep deploys it, seconds before: role assignments take up to 10 minutes to take effect");
                checkedGrants += (string)main.Resources[dependency]["type"]! == "Microsoft.Authorization/roleAssignments" ? 1 : 0;
            }
        }
        Assert.IsGreaterThan(15, checkedGrants, "registry pulls, secret reads and the Functions host's grants");
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Health_probes_give_a_database_round_trip_time_and_never_overlap(string env)
    {
        var graph = DependencyGraph.Of(env);
        var probes = graph.SymbolsOfType("Microsoft.App/containerApps")
            .SelectMany(app => graph.Resources[app]["properties"]!["template"]!["containers"]!.AsArray()
                .SelectMany(c => c!["probes"]?.AsArray() ?? []).Select(p => (App: app, Probe: p!.AsObject())))
            .ToList();
        Assert.IsNotEmpty(probes);
        foreach (var (app, probe) in probes)
        {
            var type = (string)probe["type"]!;
            var timeout = (int?)probe["timeoutSeconds"];
            Assert.IsNotNull(timeout, $"{env}/{app}: the {type} probe falls back to the platform's 1 s");
            Assert.IsLessThan((int)probe["periodSeconds"]!, timeout.Value, $"{env}/{app}: a {type} probe that may outlast its period overlaps the next one");
            if (probe["httpGet"] is not null && type is "Startup" or "Readiness")
            {
                // An HTTP health check may open a database connection (TCP, TLS and SCRAM: about six round trips,
                // slower on a Burstable server out of CPU credits).
                Assert.IsGreaterThanOrEqualTo(5, timeout.Value, $"{env}/{app}: the {type} probe cannot wait for a cold database connection");
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(Environments))]
    public void Migration_job_outlasts_the_bundles_worst_case_and_the_migration_stage_outlasts_every_attempt(string env)
    {
        var graph = DependencyGraph.Of(env);
        var job = graph.Resources[graph.SymbolsOfType("Microsoft.App/jobs").Single()]["properties"]!["configuration"]!;
        var replicaTimeout = (int)job["replicaTimeout"]!;
        var attempts = (int)job["replicaRetryLimit"]! + 1;

        // The bundle connects as administrator (roles) and as owner (migrations); each may spend its connect budget and
        // then wait its lock budget for another run. What is left is for the migrations and the container's start.
        var settings = MigrationRunSettings.Default;
        var worstWait = 2 * (settings.ConnectBudget + settings.LockBudget);
        Assert.IsGreaterThanOrEqualTo(worstWait.TotalSeconds + 300, replicaTimeout,
            $"{env}: the job is stopped after {replicaTimeout} s, but the bundle may legitimately wait {worstWait.TotalSeconds} s before it migrates");

        // The deploy command's migration stage waits this long by default (the catalogue's figure, from the same job).
        var wait = TodoSystem.Description.Component(TodoSystem.Migrate).Job!.CompletionWaitSeconds;
        Assert.IsGreaterThanOrEqualTo(attempts * replicaTimeout, wait,
            $"{env}: the migration stage gives up after {wait} s while the job may still be in its attempt {attempts} of {replicaTimeout} s");
    }

    /// <summary>The private endpoint whose group id is <paramref name="groupId"/>, its DNS zone group, and the VNet link of that zone.</summary>
    private static string[] PrivatePath(DependencyGraph graph, string groupId)
    {
        var endpoint = graph.SymbolsOfType("Microsoft.Network/privateEndpoints").Single(e =>
            graph.Resources[e]["properties"]!["privateLinkServiceConnections"]!.AsArray()
                .Any(c => c!["properties"]!["groupIds"]!.AsArray().Any(g => (string?)g == groupId)));
        var zoneGroup = graph.SymbolsOfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").Single(g => graph.DependenciesOf(g).Contains(endpoint));
        var zone = graph.SymbolsOfType("Microsoft.Network/privateDnsZones").Single(z => graph.DependenciesOf(zoneGroup).Contains(z));
        return [endpoint, zoneGroup, ZoneLink(graph, zone)];
    }

    private static string ZoneLink(DependencyGraph graph, string zone) =>
        graph.SymbolsOfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks").Single(l => graph.DependenciesOf(l).Contains(zone));

    /// <summary>
    /// The workload as <c>bicep snapshot</c> evaluates it: compiled bodies may hold conditional items as one
    /// expression, the evaluation has the plain arrays. Apps and jobs have literal names.
    /// </summary>
    private static JsonObject Evaluated(string env, DependencyGraph graph, string workload)
    {
        var compiled = graph.Resources[workload];
        return GeneratedEnvironments.Get().PredictedResources(env).Select(r => r!.AsObject())
            .Single(r => (string?)r["type"] == (string?)compiled["type"] && (string?)r["name"] == (string?)compiled["name"]);
    }

    private static List<string> KeyVaultSecretsOf(JsonObject workload) =>
        [.. (workload["properties"]!["configuration"]!["secrets"]?.AsArray() ?? []).Where(s => s!["keyVaultUrl"] is not null).Select(s => (string)s!["name"]!)];

    private static HashSet<string> EnvironmentVariables(JsonObject workload) =>
        [.. workload["properties"]!["template"]!["containers"]!.AsArray().SelectMany(c => c!["env"]?.AsArray() ?? []).Select(e => (string)e!["name"]!)];
}
