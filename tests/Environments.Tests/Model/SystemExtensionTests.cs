using System.Text.Json.Nodes;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Generation;
using Provisioning.Environments.Model;
using Provisioning.Environments.Tests.Generation;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Model;

/// <summary>
/// Acceptance 1 of issue 8: a component, a plain variable, a secret and a probe check added to a copy of the system
/// description appear everywhere they must, and the result compiles with no diagnostic under the strict config.
/// </summary>
[TestClass]
public sealed class SystemExtensionTests
{
    private const string Worker = "exampleworker";
    private const string WorkerToken = "exampleworker-token";
    private const string WorkerCheck = "exampleworker.queue";
    private const string WorkerTokenValue = "exampleworker-token-value-for-the-test-0123456789";

    /// <summary>The Todo system plus a worker with its own secret, a new backend variable and a check of the worker.</summary>
    private static SystemDescription Extended()
    {
        var todo = TodoSystem.Description;
        return todo with
        {
            Components =
            [
                .. todo.Components.Select(c => c.Name == TodoSystem.Backend
                    ? c with { Variables = [.. c.Variables, VariableSpec.Literal("TASK_PAGE_SIZE", "50")] }
                    : c),
                new ComponentSpec
                {
                    Name = Worker,
                    Description = "queue worker",
                    Kind = WorkloadKind.App,
                    Ingress = IngressKind.Internal,
                    Port = 8080,
                    Health = new HealthSpec("/healthz"),
                    // As docs/extending.md suggests for a worker: no replica (and no cost) while idle.
                    Size = SizeSpec.OnDemand(0.25m, "0.5Gi", 2),
                    Variables =
                    [
                        VariableSpec.Url("EXAMPLEWORKER_BACKEND_URL", TodoSystem.Backend),
                        VariableSpec.Secret("EXAMPLEWORKER_TOKEN", WorkerToken),
                    ],
                },
            ],
            SecureParameters =
            [
                .. todo.SecureParameters,
                // One entry: the parameter and the Key Vault secret it is stored as.
                new SecureParameterSpec
                {
                    Name = "exampleworkerToken",
                    Variable = "EXAMPLEWORKER_TOKEN",
                    Description = "The worker's queue token.",
                    MinLength = 16,
                    StoredAs = new VaultSecret(WorkerToken, "exampleworkerTokenSecret"),
                },
            ],
            Checks = [.. todo.Checks, new CheckSpec(WorkerCheck, Worker, TodoObjectives.Communication, CheckSpec.DefaultTimeLimit, AlertPolicy.AvailabilityAndSecurity)],
        };
    }

    private sealed record Generated(string Directory, IReadOnlyDictionary<string, string> Files, JsonArray Resources);

    private static readonly Lazy<Generated> Result = new(Generate);

    private static Generated Generate()
    {
        var (configuration, problems) = ConfigurationLoader.Load(Path.Combine(EnvironmentFiles.EnvironmentDirectory, "dev.json"));
        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        var withImage = configuration! with { Images = new Dictionary<string, string>(configuration.Images) { [Worker] = "todo-exampleworker:1.0.0" } };

        var files = EnvironmentGenerator.Generate(withImage, Extended()).ToDictionary(f => f.RelativePath, f => f.Content);

        var dir = BicepCli.CreateStrictWorkspace();
        foreach (var (path, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, path))!);
            File.WriteAllText(Path.Combine(dir, path), content);
        }
        BicepCli.BuildPattern(dir, "*/*.bicep").AssertClean();
        BicepCli.Snapshot(Path.Combine(dir, "dev", "main.bicepparam"), GeneratedEnvironments.DeploymentVariables("dev"),
            "--subscription-id", "00000000-0000-0000-0000-000000000001", "--resource-group", "rg-todo-dev", "--location", "westeurope").AssertClean();
        var resources = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "dev", "main.snapshot.json")))!["predictedResources"]!.AsArray();
        return new Generated(dir, files, resources);
    }

    private static IEnumerable<JsonObject> OfType(string type) =>
        Result.Value.Resources.Select(r => r!.AsObject()).Where(r => (string)r["type"]! == type);

    private static JsonObject App(string component) =>
        OfType("Microsoft.App/containerApps").Single(a => (string?)a["tags"]!["azd-service-name"] == component);

    private static List<JsonObject> Env(JsonObject app) =>
        [.. app["properties"]!["template"]!["containers"]![0]!["env"]!.AsArray().Select(e => e!.AsObject())];

    [TestMethod]
    public void The_new_component_is_an_app_with_its_image_ingress_and_health_probes()
    {
        var worker = App(Worker);
        var configuration = worker["properties"]!["configuration"]!;
        Assert.IsFalse((bool)configuration["ingress"]!["external"]!, "internal ingress");
        Assert.AreEqual(8080, (int)configuration["ingress"]!["targetPort"]!);
        var container = worker["properties"]!["template"]!["containers"]![0]!;
        StringAssert.Contains((string)container["image"]!, "todo-exampleworker:1.0.0");
        var probes = container["probes"]!.AsArray().Select(p => ((string)p!["type"]!, (string?)p["httpGet"]?["path"])).ToList();
        CollectionAssert.AreEquivalent(new[] { ("Startup", "/healthz"), ("Liveness", "/healthz"), ("Readiness", "/healthz") }, probes);
        StringAssert.Contains(Result.Value.Files["dev/main.bicepparam"], "param exampleworkerImage = empty(readEnvironmentVariable('DEPLOYED_EXAMPLEWORKER_IMAGE', '')) ? 'todo-exampleworker:1.0.0' : readEnvironmentVariable('DEPLOYED_EXAMPLEWORKER_IMAGE', '')");
    }

    [TestMethod]
    public void The_new_component_has_its_own_identity_which_may_read_exactly_its_secret()
    {
        var identity = OfType("Microsoft.ManagedIdentity/userAssignedIdentities").Single(i => ((string)i["name"]!).EndsWith("-" + Worker, StringComparison.Ordinal));
        var worker = App(Worker);
        StringAssert.Contains(worker["identity"]!["userAssignedIdentities"]!.ToJsonString(), (string)identity["name"]!);

        var grants = OfType("Microsoft.Authorization/roleAssignments")
            .Where(r => ((string)r["properties"]!["principalId"]!).Contains((string)identity["name"]!, StringComparison.Ordinal))
            .Select(r => (string)r["id"]!)
            .ToList();
        var secretScopes = grants.Where(g => g.Contains("/secrets/", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(1, secretScopes.Count, string.Join("\n", grants));
        StringAssert.Contains(secretScopes[0], $"/secrets/{WorkerToken}/providers/");
        Assert.IsTrue(grants.Any(g => g.Contains("Microsoft.ContainerRegistry/registries", StringComparison.Ordinal)), "AcrPull on the registry");
        Assert.AreEqual(2, grants.Count, "registry pull and the one secret, nothing wider");

        var otherReaders = OfType("Microsoft.Authorization/roleAssignments")
            .Where(r => ((string)r["id"]!).Contains($"/secrets/{WorkerToken}/", StringComparison.Ordinal))
            .Count();
        Assert.AreEqual(1, otherReaders, "no other identity may read the worker's secret");
    }

    [TestMethod]
    public void The_new_variables_reach_their_components_plain_as_values_and_the_secret_by_reference()
    {
        var worker = Env(App(Worker));
        var backendUrl = worker.Single(e => (string)e["name"]! == "EXAMPLEWORKER_BACKEND_URL");
        StringAssert.Contains((string)backendUrl["value"]!, "'https://ca-todo-dev-backend.{0}'", "the backend's public URL");
        var token = worker.Single(e => (string)e["name"]! == "EXAMPLEWORKER_TOKEN");
        Assert.IsFalse(token.ContainsKey("value"), "a secret never has a value");
        var secret = App(Worker)["properties"]!["configuration"]!["secrets"]!.AsArray().Single(s => (string)s!["name"]! == (string)token["secretRef"]!)!;
        StringAssert.Contains((string)secret["keyVaultUrl"]!, $"/secrets/{WorkerToken}'");

        var pageSize = Env(App(TodoSystem.Backend)).Single(e => (string)e["name"]! == "TASK_PAGE_SIZE");
        Assert.AreEqual("50", (string)pageSize["value"]!);

        // No template writes the secret (`secrets init` creates it, with a fresh value): main.bicep references it, main.bicepparam never reads it.
        Assert.IsFalse(OfType("Microsoft.KeyVault/vaults/secrets").Any(), "no deployment writes a secret");
        StringAssert.Contains(Result.Value.Files["dev/main.bicep"], $"existing = {{\n  parent: keyVault\n  name: '{WorkerToken}'\n}}");
        Assert.IsFalse(Result.Value.Files["dev/main.bicepparam"].Contains("EXAMPLEWORKER_TOKEN", StringComparison.Ordinal), "the parameter file reads no secret");
        Assert.IsFalse(Result.Value.Files.Values.Any(f => f.Contains(WorkerTokenValue, StringComparison.Ordinal)), "the value never reaches a generated file");
    }

    [TestMethod]
    public void The_readme_has_a_row_for_the_component_and_its_secret()
    {
        var readme = Result.Value.Files["dev/README.md"];
        StringAssert.Contains(readme, "| exampleworker (internal ingress) | 0.25 vCPU / 0.5Gi | 0–2 |");
        StringAssert.Contains(readme, "| `exampleworker-token` (EXAMPLEWORKER_TOKEN) | exampleworker |");
        Assert.IsFalse(readme.Contains("export EXAMPLEWORKER_TOKEN", StringComparison.Ordinal), "no deployment step reads a secret from the shell");
        StringAssert.Contains(readme, $"`{WorkerCheck}` (exampleworker)");
    }

    /// <summary>azd deploys the new app: generate writes its service into azure.yaml, leaving the rest of the file alone.</summary>
    [TestMethod]
    public void Azure_yaml_gets_a_service_for_the_new_component_and_keeps_its_hooks()
    {
        var committed = File.ReadAllText(Path.Combine(EnvironmentFiles.RepositoryRoot, AzureYamlServices.FileName));

        var rendered = AzureYamlServices.Apply(committed, Extended());

        StringAssert.Contains(rendered, $"  #   {Worker}  copied with az acr import from ${{EXAMPLEWORKER_SOURCE_IMAGE}}");
        var hooks = committed[committed.IndexOf("\nhooks:", StringComparison.Ordinal)..];
        StringAssert.EndsWith(rendered, hooks, "everything after the services section is kept as written");
        Assert.AreEqual(committed[..committed.IndexOf("\n# services:", StringComparison.Ordinal)], rendered[..rendered.IndexOf("\n# services:", StringComparison.Ordinal)],
            "everything before the services section is kept as written");
        Assert.AreEqual(rendered, AzureYamlServices.Apply(rendered, Extended()), "rendering twice changes nothing");
    }

    [TestMethod]
    public void The_new_check_has_its_alert_rule_and_joins_the_security_alert()
    {
        var queries = OfType("Microsoft.Insights/scheduledQueryRules")
            .ToDictionary(r => (string)r["name"]!, r => (string)r["properties"]!["criteria"]!["allOf"]![0]!["query"]!);
        var own = queries.Where(q => q.Value.Contains($"name == '{WorkerCheck}'", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(1, own.Count, "one availability rule for the new check");
        StringAssert.EndsWith(own[0].Key, "exampleworker-queue");
        var security = queries.Single(q => q.Key.EndsWith("auth-security", StringComparison.Ordinal)).Value;
        StringAssert.Contains(security, $"'{WorkerCheck}'");
        StringAssert.Contains(security, $"'{CheckNames.BackendAuthRejects}'");
    }
}
