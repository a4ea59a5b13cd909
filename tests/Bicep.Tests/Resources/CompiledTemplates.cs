using System.Text.Json.Nodes;
using Provisioning.TestSupport;
using Provisioning.Bicep.Tooling;

namespace Provisioning.Bicep.Tests.Resources;

/// <summary>
/// Compiles every sample template in one Bicep CLI process (each process costs about 1.4 s) and keeps the run and
/// the ARM JSON of each file for the assertions.
/// </summary>
internal sealed class CompiledTemplates
{
    private CompiledTemplates(string directory, BicepRun run, IReadOnlyDictionary<string, string> sources)
    {
        Directory = directory;
        Run = run;
        Sources = sources;
    }

    private static readonly Lazy<CompiledTemplates> s_samples = new(() => Compile(ResourceSamples.All()), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Every sample of <see cref="ResourceSamples"/>, compiled once per test run and shared by the test classes.</summary>
    public static CompiledTemplates Samples => s_samples.Value;

    public string Directory { get; }

    public BicepRun Run { get; }

    public IReadOnlyDictionary<string, string> Sources { get; }

    public static CompiledTemplates Compile(IReadOnlyDictionary<string, string> files)
    {
        var directory = BicepCli.CreateStrictWorkspace();
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(directory, name), text);
        }
        return new CompiledTemplates(directory, BicepCli.BuildPattern(directory, "*.bicep"), files);
    }

    /// <summary>The diagnostics the CLI reported for one file.</summary>
    public IReadOnlyList<BicepDiagnostic> DiagnosticsOf(string file) =>
        Run.Diagnostics.Where(d => Path.GetFileName(d.File) == file).ToList();

    public JsonObject Arm(string file)
    {
        var json = Path.Combine(Directory, Path.ChangeExtension(file, ".json"));
        Assert.IsTrue(File.Exists(json), $"{file} was not compiled:\n{Run.StandardError}");
        return (JsonObject)JsonNode.Parse(File.ReadAllText(json))!;
    }

    /// <summary>The compiled resource declared with symbol <paramref name="symbol"/> (templates compile to symbolic-name form when they use extension features; otherwise matched by the order of declaration).</summary>
    public static JsonObject Resource(JsonObject arm, string symbol)
    {
        var resources = arm["resources"]!;
        if (resources is JsonObject named)
        {
            return (JsonObject)(named[symbol] ?? throw new AssertFailedException($"No resource '{symbol}' in the compiled template."));
        }
        throw new AssertFailedException("The compiled template is not in symbolic-name form; find resources by type and name instead.");
    }
}
