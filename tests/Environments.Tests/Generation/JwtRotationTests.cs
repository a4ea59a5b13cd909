using System.Text.Json.Nodes;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Generation;

/// <summary>
/// JWT_SECRET_KEY_PREVIOUS is optional (docs/contract.md, JWT): during a rotation window (HAS_JWT_SECRET_KEY_PREVIOUS=true,
/// a flag, never the value) it reaches the backend alone; outside one, the evaluated deployment has no such variable or
/// role assignment at all. No template writes the secret: it is an existing resource in either case.
/// </summary>
[TestClass]
public sealed class JwtRotationTests
{
    private const string Secret = "jwt-secret-key-previous";
    private const string Variable = "JWT_SECRET_KEY_PREVIOUS";

    private static List<JsonObject> Workloads(JsonArray resources) =>
        [.. resources.Select(r => r!.AsObject()).Where(r => (string)r["type"]! is "Microsoft.App/containerApps" or "Microsoft.App/jobs")];

    private static IEnumerable<string> EnvNames(JsonObject workload) =>
        workload["properties"]!["template"]!["containers"]!.AsArray().SelectMany(c => c!["env"]?.AsArray() ?? []).Select(e => (string)e!["name"]!);

    [TestMethod]
    [DataRow("dev")]
    [DataRow("prod")]
    public void When_set_the_previous_key_reaches_the_backend_only(string env)
    {
        var resources = GeneratedEnvironments.Get().PredictedResources(env);

        var readers = Workloads(resources).Where(w => EnvNames(w).Contains(Variable)).Select(w => (string)w["tags"]!["azd-service-name"]!).ToList();
        CollectionAssert.AreEqual(new[] { "backend" }, readers);
        Assert.AreEqual(0, resources.Count(r => ((string)r!["name"]!).EndsWith("/" + Secret, StringComparison.Ordinal)), "the Key Vault secret is referenced, never written");
        var grants = resources.Select(r => r!.AsObject())
            .Where(r => (string)r["type"]! == "Microsoft.Authorization/roleAssignments" && ((string)r["id"]!).Contains($"/secrets/{Secret}/", StringComparison.Ordinal))
            .Select(r => (string)r["properties"]!["principalId"]!)
            .ToList();
        Assert.AreEqual(1, grants.Count, "one reader");
        StringAssert.Contains(grants[0], "-backend");
    }

    [TestMethod]
    [DataRow("dev")]
    [DataRow("prod")]
    public void When_unset_there_is_no_such_secret_variable_or_role_assignment(string env)
    {
        var workspace = GeneratedEnvironments.Get();
        var dir = BicepCli.CreateStrictWorkspace();
        foreach (var file in new[] { "main.bicep", "main.bicepparam" })
        {
            File.WriteAllText(Path.Combine(dir, file), workspace.Read(env, file));
        }
        BicepCli.Snapshot(Path.Combine(dir, "main.bicepparam"), GeneratedEnvironments.DeploymentVariables(env, rotating: false),
            "--subscription-id", "00000000-0000-0000-0000-000000000001", "--resource-group", $"rg-todo-{env}", "--location", "westeurope").AssertClean();

        var resources = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "main.snapshot.json")))!["predictedResources"]!.AsArray();
        Assert.IsTrue(resources.Count > 20, "the rest of the environment is there");
        var mentions = resources.Where(r => r!.ToJsonString().Contains(Secret, StringComparison.Ordinal) || r.ToJsonString().Contains(Variable, StringComparison.Ordinal))
            .Select(r => $"{r!["type"]} {r["name"]}").ToList();
        Assert.AreEqual(0, mentions.Count, string.Join("\n", mentions));
        Assert.IsTrue(Workloads(resources).Single(w => (string)w["tags"]!["azd-service-name"]! == "backend")["properties"]!["template"]!["containers"]![0]!["env"]!
            .AsArray().Any(e => (string)e!["name"]! == "JWT_SECRET_KEY"), "the current key is still there");
    }
}
