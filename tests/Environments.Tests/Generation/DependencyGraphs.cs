using System.Text.Json.Nodes;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Generation;

/// <summary>
/// The deployment order Azure Resource Manager will follow, as the Bicep compiler works it out. Compiled with
/// symbolic names (languageVersion 2.0, <c>symbolicNameCodegen</c>), each resource's <c>dependsOn</c> lists by symbol
/// every resource it waits for, whether declared explicitly or implied by a reference; the plain compilation says the
/// same with resourceId() expressions. Both templates of every environment are compiled once per run, in one process.
/// </summary>
internal sealed class DependencyGraph
{
    private static readonly Lazy<IReadOnlyDictionary<string, DependencyGraph>> All = new(Compile);

    private DependencyGraph(JsonObject template) =>
        Resources = template["resources"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.AsObject());

    /// <summary>Compiled resources by symbol.</summary>
    public IReadOnlyDictionary<string, JsonObject> Resources { get; }

    /// <param name="template"><c>main</c> or <c>bootstrap</c>.</param>
    public static DependencyGraph Of(string environment, string template = "main") => All.Value[$"{environment}/{template}"];

    /// <summary>Every resource <paramref name="symbol"/> waits for, directly or through another.</summary>
    public IReadOnlySet<string> DependenciesOf(string symbol)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Direct(symbol));
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var further in Direct(next))
                {
                    pending.Push(further);
                }
            }
        }
        return seen;
    }

    public IEnumerable<string> SymbolsOfType(string type) =>
        Resources.Where(kv => string.Equals((string?)kv.Value["type"], type, StringComparison.OrdinalIgnoreCase)).Select(kv => kv.Key);

    /// <summary>The container apps (function app included) and jobs.</summary>
    public IEnumerable<string> Workloads() => SymbolsOfType("Microsoft.App/containerApps").Concat(SymbolsOfType("Microsoft.App/jobs"));

    private IEnumerable<string> Direct(string symbol) =>
        Resources[symbol]["dependsOn"]?.AsArray().Select(d => (string)d!) ?? [];

    private static Dictionary<string, DependencyGraph> Compile()
    {
        var dir = BicepCli.CreateStrictWorkspace();
        var configPath = Path.Combine(dir, "bicepconfig.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        config["experimentalFeaturesEnabled"] = new JsonObject { ["symbolicNameCodegen"] = true };
        File.WriteAllText(configPath, config.ToJsonString());
        var templates = GeneratedEnvironments.Get().Result.Files.Where(f => f.RelativePath.EndsWith(".bicep", StringComparison.Ordinal)).ToList();
        foreach (var file in templates)
        {
            var path = Path.Combine(dir, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
        var run = BicepCli.BuildPattern(dir, "*/*.bicep");
        Assert.AreEqual(0, run.ExitCode, run.StandardError);
        return templates.ToDictionary(
            f => f.RelativePath[..^".bicep".Length],
            f =>
            {
                var compiled = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, f.RelativePath[..^".bicep".Length] + ".json")))!.AsObject();
                Assert.AreEqual("2.0", (string?)compiled["languageVersion"], "the dependency graph needs symbolic names");
                return new DependencyGraph(compiled);
            });
    }
}
