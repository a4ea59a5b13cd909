using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioning.TestSupport;

namespace Provisioning.HealthProbe.Tests;

/// <summary>
/// The committed generated/&lt;env&gt;/main.bicep of every environment, compiled once per test run to ARM JSON by the
/// real Bicep CLI: what Azure receives, so the probe app's settings and the alert queries are read from there.
/// </summary>
internal static partial class CompiledEnvironments
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> Templates = new(Compile);

    public static IReadOnlyCollection<string> Names => Templates.Value.Keys.ToList();

    public static JsonObject Template(string environment) => Templates.Value[environment];

    /// <summary>
    /// The app settings of the probe (the container app of kind functionapp) whose values are fixed in the template.
    /// Values computed at deployment (URLs, the connection string, the Entra authentication string) and secret
    /// references are left out: a test supplies local stand-ins for those.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ProbeAppSettings(string environment)
    {
        var probes = Resources(Template(environment))
            .Where(r => Str(r["type"]) == "Microsoft.App/containerApps" && Str(r["kind"]) == "functionapp")
            .ToList();
        Assert.HasCount(1, probes, $"{environment}: exactly one container app of kind functionapp (the probe)");
        var template = Template(environment);
        var settings = new Dictionary<string, string>();
        foreach (var container in probes[0]["properties"]!["template"]!["containers"]!.AsArray())
        {
            foreach (var variable in container!["env"]?.AsArray() ?? [])
            {
                if (Literal(template, Str(variable!["value"])) is { } value)
                {
                    settings[Str(variable["name"])!] = value;
                }
            }
        }
        return settings;
    }

    /// <summary>The names of every environment variable the compiled template gives the probe app, whatever their value.</summary>
    public static IReadOnlySet<string> ProbeAppSettingNames(string environment) =>
        Resources(Template(environment))
            .Where(r => Str(r["type"]) == "Microsoft.App/containerApps" && Str(r["kind"]) == "functionapp")
            .SelectMany(r => r["properties"]!["template"]!["containers"]!.AsArray())
            .SelectMany(c => c!["env"]?.AsArray() ?? [])
            .Select(v => Str(v!["name"])!)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every scheduled query rule's name and the KQL of each of its criteria, as deployed.</summary>
    public static IReadOnlyList<(string Rule, string Query)> AlertQueries(string environment)
    {
        var queries = new List<(string, string)>();
        foreach (var rule in Resources(Template(environment)).Where(r => Str(r["type"]) == "Microsoft.Insights/scheduledQueryRules"))
        {
            var name = Str(rule["name"]) ?? "?";
            foreach (var criterion in rule["properties"]!["criteria"]!["allOf"]!.AsArray())
            {
                var query = Str(criterion!["query"]) ?? throw new AssertFailedException($"{environment}: rule {name} has a criterion without a query");
                Assert.IsFalse(IsExpression(query), $"{environment}: rule {name}'s query is computed at deployment, so no test can read it: {query}");
                queries.Add((name, Unescape(query)));
            }
        }
        return queries;
    }

    /// <summary>
    /// A value fixed at compile time: a literal, or a variable or parameter default that is one (a setting named
    /// once in the Bicep and used in several places compiles to <c>[variables('…')]</c>). Anything else: null.
    /// </summary>
    private static string? Literal(JsonObject template, string? value, int depth = 0)
    {
        if (value is null || depth > 8)
        {
            return null;
        }
        if (!IsExpression(value))
        {
            return Unescape(value);
        }
        var reference = Reference().Match(value);
        if (!reference.Success)
        {
            return null;
        }
        var name = reference.Groups["name"].Value;
        var node = reference.Groups["kind"].Value == "variables"
            ? template["variables"]?[name]
            : template["parameters"]?[name]?["defaultValue"];
        return Literal(template, Str(node), depth + 1);
    }

    [GeneratedRegex(@"^\[(?<kind>variables|parameters)\('(?<name>[^']+)'\)\]$")]
    private static partial Regex Reference();

    /// <summary>Resources of a template: an array, or an object keyed by symbolic name (languageVersion 2.0).</summary>
    internal static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject map => map.Select(r => r.Value!.AsObject()),
        _ => [],
    };

    private static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    /// <summary>ARM evaluates a string in [brackets] as an expression; a literal that starts with '[' is written '[['.</summary>
    private static bool IsExpression(string value) => value.StartsWith('[') && !value.StartsWith("[[", StringComparison.Ordinal);

    private static string Unescape(string value) => value.StartsWith("[[", StringComparison.Ordinal) ? value[1..] : value;

    private static IReadOnlyDictionary<string, JsonObject> Compile()
    {
        var generated = Path.Combine(TestFolders.RepositoryRoot, "generated");
        var environments = Directory.EnumerateDirectories(generated)
            .Where(d => File.Exists(Path.Combine(d, "main.bicep")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.IsNotEmpty(environments, $"no generated/<env>/main.bicep under {generated}");

        var workspace = BicepCli.CreateStrictWorkspace();
        foreach (var environment in environments)
        {
            Directory.CreateDirectory(Path.Combine(workspace, environment!));
            File.Copy(Path.Combine(generated, environment!, "main.bicep"), Path.Combine(workspace, environment!, "main.bicep"));
        }
        // One CLI process for all environments: starting it is the slow part.
        BicepCli.BuildPattern(workspace, "*/main.bicep").AssertClean();
        return environments.ToDictionary(e => e!, e => JsonNode.Parse(File.ReadAllText(Path.Combine(workspace, e!, "main.json")))!.AsObject());
    }
}
