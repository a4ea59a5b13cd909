using System.Text.Json.Nodes;
using Provisioning.Environments.Generation;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Generation;

/// <summary>
/// All environments generated once per test run into a strict workspace, compiled and linted by the real Bicep CLI
/// in one process, and evaluated offline with <c>bicep snapshot</c> (test values for the secure parameters come from
/// environment variables, as in a real deployment).
/// </summary>
internal static class GeneratedEnvironments
{
    public static readonly string[] Names = ["dev", "staging", "prod"];

    /// <summary>
    /// Test secrets, one per secure parameter of the catalogue (so a new secret gets one with no edit here): random
    /// per run, within the parameter's length rule, with characters that need escaping in a URL.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> SecretValues = TodoSystem.Description.SecureParameters.ToDictionary(
        p => p.Variable,
        p => ("T:@/?#%" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"))[..Math.Min(p.MaxLength ?? int.MaxValue, 71)],
        StringComparer.Ordinal);

    private static readonly Lazy<Workspace> Lazy = new(Create);

    public static Workspace Get() => Lazy.Value;

    /// <param name="SnapshotRuns">Keyed by environment: main.bicepparam evaluated.</param>
    /// <param name="BootstrapSnapshotRuns">Keyed by environment: bootstrap.bicepparam evaluated with the same values.</param>
    /// <param name="DataSnapshotRuns">Keyed by environment: data.bicepparam evaluated with the same values.</param>
    internal sealed record Workspace(
        string Directory, GenerationResult Result, BicepRun Build, IReadOnlyDictionary<string, BicepRun> SnapshotRuns, IReadOnlyDictionary<string, BicepRun> BootstrapSnapshotRuns,
        IReadOnlyDictionary<string, BicepRun> DataSnapshotRuns)
    {
        /// <summary>The templates a deployment deploys before main.bicep, each declaring a part of it.</summary>
        public static readonly string[] StageTemplates = ["bootstrap", "data"];

        public BicepRun StageSnapshotRun(string environment, string template) => template == "bootstrap" ? BootstrapSnapshotRuns[environment] : DataSnapshotRuns[environment];

        public string Read(string environment, string file) => File.ReadAllText(Path.Combine(Directory, environment, file));

        public JsonArray PredictedResources(string environment, string template = "main") =>
            JsonNode.Parse(Read(environment, $"{template}.snapshot.json"))!["predictedResources"]!.AsArray();
    }

    /// <summary>
    /// What a deployment's environment holds: names and flags only. The .bicepparam files read no secret; the
    /// administrator password is a Key Vault reference whose vault these name (bicep snapshot does not resolve it).
    /// By default in a JWT rotation window (HAS_JWT_SECRET_KEY_PREVIOUS=true), so the snapshots show its wiring too.
    /// </summary>
    public static Dictionary<string, string> DeploymentVariables(string env, bool rotating = true)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AZURE_SUBSCRIPTION_ID"] = "00000000-0000-0000-0000-000000000001",
            ["AZURE_RESOURCE_GROUP"] = $"rg-todo-{env}",
            ["AZURE_KEY_VAULT_NAME"] = $"kv-tod-{env}-snapshot",
        };
        if (rotating)
        {
            variables["HAS_JWT_SECRET_KEY_PREVIOUS"] = "true";
        }
        return variables;
    }

    private static Workspace Create()
    {
        var dir = BicepCli.CreateStrictWorkspace();
        var result = GenerationRun.Generate(EnvironmentFiles.EnvironmentDirectory);
        foreach (var file in result.Files)
        {
            var path = Path.Combine(dir, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
        var build = BicepCli.BuildPattern(dir, "*/*.bicep");
        BicepRun Snapshot(string env, string template) => BicepCli.Snapshot(
            Path.Combine(dir, env, template + ".bicepparam"), DeploymentVariables(env),
            "--subscription-id", "00000000-0000-0000-0000-000000000001",
            "--resource-group", $"rg-todo-{env}",
            "--location", "westeurope");
        var snapshots = Names.ToDictionary(env => env, env => Snapshot(env, "main"));
        var bootstrapSnapshots = Names.ToDictionary(env => env, env => Snapshot(env, "bootstrap"));
        var dataSnapshots = Names.ToDictionary(env => env, env => Snapshot(env, "data"));
        return new Workspace(dir, result, build, snapshots, bootstrapSnapshots, dataSnapshots);
    }
}
