using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using Provisioning.Bicep.Validation;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Generation;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests;

/// <summary>
/// Hostile configuration (issue 11): random and mutated env files through loading and generation, in process.
/// Every outcome is either valid output or problems (the exit-2 path) with nothing written; never an unhandled
/// exception. When only string contents changed, the template's structure (resources, modules, parameters,
/// outputs) is the unmutated file's. A bounded sample of valid outputs is compiled with 0 diagnostics.
/// Replay a failure with the seed CsCheck prints: CsCheck_Seed=&lt;seed&gt; dotnet test --filter Hostile.
/// </summary>
[TestClass]
public sealed partial class HostileConfigurationTests
{
    private const int Cases = 2_000;
    private const int CompileSample = 20;
    private static readonly string[] Bases = ["dev", "staging", "prod"];

    private static readonly string[] Fragments =
    [
        "'", "${", "}", "${x}", "${subscription().id}", "'\n}\nresource evil 'Microsoft.Storage/storageAccounts@2023-01-01' = {", "|", "| where 1 == 1 | project *",
        "$(rm -rf /)", "`id`", ": #", "- x: y", "\n", "\r\n", "\\", "\"", "*/", "/*", "//", "\u0000", "\u202e", "é", "😀", "{{", "%s", "\t",
    ];

    private enum Mutation { ReplaceStrings, AppendToStrings, WrongType, Huge, Deep, DuplicateKey, Bom, InvalidUtf8, Garbage }

    [TestMethod]
    public void Mutated_environment_files_give_valid_output_or_problems_never_an_exception()
    {
        var baseTexts = Bases.ToDictionary(b => b, b => File.ReadAllText(Path.Combine(TestFolders.RepositoryRoot, "env", b + ".json")));
        var schema = File.ReadAllText(Path.Combine(TestFolders.RepositoryRoot, "env", "environment.schema.json"));
        var baseStructure = Bases.ToDictionary(b => b, b => Structure(Run(b, Encoding.UTF8.GetBytes(baseTexts[b]), schema).MainBicep!));
        var counts = new Dictionary<string, int>();
        var samples = new Dictionary<string, string>();
        var cases = 0;

        Gen.Select(Gen.Enum<Mutation>(), Gen.Int[0, Bases.Length - 1], Gen.Int)
            .Sample(t =>
            {
                var (mutation, baseIndex, seed) = t;
                var name = Bases[baseIndex];
                var bytes = Mutate(baseTexts[name], mutation, new Random(seed));
                var outcome = Run(name, bytes, schema);
                cases++;
                var key = mutation + (outcome.MainBicep is null ? " → problems" : " → output");
                counts[key] = counts.GetValueOrDefault(key) + 1;
                if (outcome.MainBicep is not null && mutation is Mutation.ReplaceStrings or Mutation.AppendToStrings)
                {
                    var structure = Structure(outcome.MainBicep);
                    Assert.AreEqual(baseStructure[name], structure, $"{mutation} on {name}: a string changed the template's structure");
                    var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(outcome.MainBicep)));
                    if (samples.Count < CompileSample && !samples.ContainsKey(hash))
                    {
                        samples[hash] = outcome.MainBicep;
                    }
                }
            }, iter: Cases, threads: 1, print: t => $"{t.Item1} on {Bases[t.Item2]} (random seed {t.Item3})");

        Console.WriteLine($"hostile configuration: {cases} cases; " + string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}")));
        Console.WriteLine("replay: CsCheck_Seed=<the seed CsCheck prints on failure>");
        Assert.IsTrue(cases >= Cases);

        // Compile a bounded sample of the valid outputs whose strings were hostile, in one batch.
        var dir = BicepCli.CreateStrictWorkspace();
        var i = 0;
        foreach (var text in samples.Values)
        {
            var sub = Path.Combine(dir, "case" + i++);
            Directory.CreateDirectory(sub);
            File.WriteAllText(Path.Combine(sub, "main.bicep"), text);
        }
        Console.WriteLine($"hostile configuration: {samples.Count} distinct valid outputs with hostile strings compiled");
        if (samples.Count > 0)
        {
            BicepCli.BuildPattern(dir, "case*/main.bicep").AssertClean();
        }
    }

    private sealed record Outcome(string? MainBicep);

    /// <summary>The generate pipeline on one file in a folder of its own: output, or problems and nothing written.</summary>
    private static Outcome Run(string name, byte[] bytes, string schema)
    {
        var root = TestFolders.NewTemp("hostile");
        var env = Path.Combine(root, "env");
        var output = Path.Combine(root, "generated");
        Directory.CreateDirectory(env);
        File.WriteAllText(Path.Combine(env, "environment.schema.json"), schema);
        File.WriteAllBytes(Path.Combine(env, name + ".json"), bytes);
        try
        {
            GenerationRun.GenerateAndWrite(env, output);
            var main = File.ReadAllText(Path.Combine(output, name, "main.bicep"));
            Directory.Delete(root, recursive: true);
            return new Outcome(main);
        }
        catch (Exception ex) when (ex is ConfigurationException or BicepValidationException)
        {
            var problems = ex is ConfigurationException c ? c.Problems.Count : ((BicepValidationException)ex).Problems.Count;
            Assert.IsTrue(problems > 0, "a refusal names at least one problem");
            Assert.IsFalse(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "nothing written on refusal");
            Directory.Delete(root, recursive: true);
            return new Outcome(null);
        }
    }

    /// <summary>Resources (symbol and type), modules, parameters and outputs, one per top-level declaration line.</summary>
    private static string Structure(string bicep) =>
        string.Join('\n', bicep.Split('\n').Select(l => Declaration().Match(l)).Where(m => m.Success).Select(m => m.Value.TrimEnd()));

    [GeneratedRegex(@"^(resource|module|param|output|existing)\s+\w+(\s+'[^']*')?")]
    private static partial Regex Declaration();

    private static byte[] Mutate(string text, Mutation mutation, Random random)
    {
        JsonObject Doc() => JsonNode.Parse(text)!.AsObject();
        string Hostile()
        {
            var sb = new StringBuilder();
            for (var n = random.Next(1, 6); n > 0; n--)
            {
                sb.Append(Fragments[random.Next(Fragments.Length)]);
            }
            return sb.ToString();
        }
        byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
        switch (mutation)
        {
            case Mutation.ReplaceStrings:
            case Mutation.AppendToStrings:
            {
                // Every string field at once, or one at a time (so fields that accept free text yield valid outputs).
                var doc = Doc();
                var fields = Strings(doc).Where(f => f.Key != "$schema").ToList();
                var one = random.Next(fields.Count);
                foreach (var (parent, key, value) in random.Next(2) == 0 ? fields : [fields[one]])
                {
                    var s = mutation == Mutation.ReplaceStrings ? Hostile() : value + Hostile();
                    SetChild(parent, key, JsonValue.Create(s));
                }
                return Utf8(doc);
            }
            case Mutation.WrongType:
            {
                var doc = Doc();
                var all = Nodes(doc).ToList();
                var (parent, key) = all[random.Next(all.Count)];
                JsonNode?[] replacements = [null, JsonValue.Create(random.Next()), JsonValue.Create(random.NextDouble() * 1e308), JsonValue.Create(true), new JsonArray(JsonValue.Create("x")), new JsonObject { ["a"] = 1 }, JsonValue.Create(Hostile()), JsonValue.Create(-1)];
                SetChild(parent, key, replacements[random.Next(replacements.Length)]);
                return Utf8(doc);
            }
            case Mutation.Huge:
            {
                var doc = Doc();
                var strings = Strings(doc).Where(s => s.Key != "$schema").ToList();
                var (parent, key, _) = strings[random.Next(strings.Count)];
                SetChild(parent, key, random.Next(2) == 0 ? JsonValue.Create(new string('A', 200_000)) : new JsonArray([.. Enumerable.Range(0, 20_000).Select(n => JsonValue.Create(n))]));
                return Utf8(doc);
            }
            case Mutation.Deep:
            {
                var depth = random.Next(10, 2_000);
                var key = Nodes(Doc()).Select(n => n.Key).Where(k => k is not null).ElementAt(random.Next(5));
                var deep = new string('[', depth) + new string(']', depth);
                return Encoding.UTF8.GetBytes(text.Replace($"\"{key}\":", $"\"{key}\": {deep}, \"{key}x\":", StringComparison.Ordinal));
            }
            case Mutation.DuplicateKey:
            {
                var doc = Doc();
                var key = doc.Select(p => p.Key).ElementAt(random.Next(doc.Count));
                var at = text.IndexOf('{', StringComparison.Ordinal) + 1;
                return Encoding.UTF8.GetBytes(text[..at] + $"\"{key}\": {(random.Next(2) == 0 ? "\"production\"" : "{}")}," + text[at..]);
            }
            case Mutation.Bom:
                return [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(random.Next(2) == 0 ? text : "\uFEFF" + text)];
            case Mutation.InvalidUtf8:
            {
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                byte[][] invalid = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF]];
                // Inside a string value most of the time, so the JSON syntax around it stays intact.
                var quote = text.IndexOf('"', random.Next(text.Length));
                bytes.InsertRange(quote < 0 ? random.Next(bytes.Count) : Encoding.UTF8.GetByteCount(text[..(quote + 1)]), invalid[random.Next(invalid.Length)]);
                return [.. bytes];
            }
            default:
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                var garbage = bytes[..random.Next(bytes.Length)];
                for (var flips = random.Next(0, 4); flips > 0 && garbage.Length > 0; flips--)
                {
                    garbage[random.Next(garbage.Length)] = (byte)random.Next(256);
                }
                return garbage;
            }
        }
    }

    private static void SetChild(JsonNode parent, string? key, JsonNode? value)
    {
        if (parent is JsonObject o)
        {
            o[key!] = value;
        }
        else if (parent is JsonArray a)
        {
            a[int.Parse(key!, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
    }

    private static IEnumerable<(JsonNode Parent, string? Key)> Nodes(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var (k, v) in o.ToList())
            {
                yield return (o, k);
                if (v is not null)
                {
                    foreach (var n in Nodes(v))
                    {
                        yield return n;
                    }
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                yield return (a, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (a[i] is { } v)
                {
                    foreach (var n in Nodes(v))
                    {
                        yield return n;
                    }
                }
            }
        }
    }

    private static IEnumerable<(JsonNode Parent, string? Key, string Value)> Strings(JsonNode root) =>
        Nodes(root).Select(n => (n.Parent, n.Key, Node: n.Parent is JsonObject o ? o[n.Key!] : n.Parent.AsArray()[int.Parse(n.Key!, System.Globalization.CultureInfo.InvariantCulture)]))
            .Where(n => n.Node is JsonValue v && v.TryGetValue<string>(out _))
            .Select(n => (n.Parent, n.Key, n.Node!.GetValue<string>()));
}
