using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Provisioning.Bicep.State;
using Provisioning.Environments.Configuration;

namespace Provisioning.Operations;

/// <summary>One effective difference: a setting of the environment files, or a property of a deployed resource.</summary>
public sealed record Difference(string Kind, string Subject, string Path, string Left, string Right);

/// <summary>Every effective difference between two environments.</summary>
public sealed record EnvironmentComparison(string Left, string Right, IReadOnlyList<Difference> Settings, IReadOnlyList<Difference> Resources);

/// <summary>
/// <c>diff ENV1 ENV2</c>: compares the resolved configuration (defaults applied) setting by setting, and the committed
/// deployment states resource by resource (matched by symbolic name) after writing each environment's name as
/// <c>{env}</c>, so names, tags and URLs that differ only by the environment's name are not reported.
/// </summary>
public static partial class EnvironmentDiff
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static EnvironmentComparison Compare(EnvironmentConfiguration left, DeploymentState leftState, EnvironmentConfiguration right, DeploymentState rightState)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(leftState);
        ArgumentNullException.ThrowIfNull(rightState);
        var settings = new List<Difference>();
        var a = Settings(left);
        var b = Settings(right);
        foreach (var key in a.Keys.Union(b.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var x = a.GetValueOrDefault(key, "(not set)");
            var y = b.GetValueOrDefault(key, "(not set)");
            if (x != y)
            {
                settings.Add(new Difference("setting", "env", key, x, y));
            }
        }

        var resources = new List<Difference>();
        var leftByName = leftState.Resources.ToDictionary(r => r.SymbolicName, StringComparer.Ordinal);
        var rightByName = rightState.Resources.ToDictionary(r => r.SymbolicName, StringComparer.Ordinal);
        foreach (var name in leftByName.Keys.Union(rightByName.Keys, StringComparer.Ordinal))
        {
            var l = leftByName.GetValueOrDefault(name);
            var r = rightByName.GetValueOrDefault(name);
            if (l is null || r is null)
            {
                var present = (l ?? r)!;
                resources.Add(new Difference("resource", name, "(resource)", l is null ? "—" : present.Type, r is null ? "—" : present.Type));
                continue;
            }
            var before = Normalise(Body(l, leftState), left);
            var after = Normalise(Body(r, rightState), right);
            var probeL = new ResourceState(l.SymbolicName, l.Type, l.ApiVersion, string.Empty, before, [], string.Empty) { Condition = l.Condition };
            var probeR = new ResourceState(r.SymbolicName, r.Type, r.ApiVersion, string.Empty, after, [], string.Empty) { Condition = r.Condition };
            foreach (var change in StateDiff.Properties(probeL, probeR))
            {
                resources.Add(new Difference("resource", name, change.Path,
                    StateValues.Display(change.Before, change.BeforeExists), StateValues.Display(change.After, change.AfterExists)));
            }
        }
        return new EnvironmentComparison(left.Name, right.Name, settings, resources);
    }

    /// <summary>The resolved configuration as flat <c>path → compact JSON</c> (defaults applied; name and file left out).</summary>
    public static IReadOnlyDictionary<string, string> Settings(EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var node = JsonSerializer.SerializeToNode(configuration, Options)!.AsObject();
        node.Remove("name");
        node.Remove("sourceFile");
        // Derived from settings that are compared themselves (network.isolation, tier).
        node.Remove("isPrivate");
        node.Remove("isProduction");
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(string.Empty, node, flat);
        return flat;
    }

    private static void Flatten(string path, JsonNode? node, Dictionary<string, string> flat)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o)
            {
                Flatten(path.Length == 0 ? key : path + "." + key, value, flat);
            }
            return;
        }
        if (node is null)
        {
            return; // null is "not set", the same as absent
        }
        flat[path] = StateValues.ToJson(node);
    }

    /// <summary>The body with parameter references resolved to their values and the resource name left out (it is the identity).</summary>
    private static JsonObject Body(ResourceState resource, DeploymentState state)
    {
        var body = (JsonObject)resource.Body.DeepClone();
        body.Remove("name");
        return (JsonObject)ResolveAll(body, state.Parameters)!;
    }

    private static JsonNode? ResolveAll(JsonNode? node, JsonObject parameters)
    {
        switch (node)
        {
            case JsonObject o when StateValues.ExpressionText(o) is not null:
                return StateValues.Resolve(o, parameters)?.DeepClone();
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (key, value) in o)
                {
                    copy[key] = ResolveAll(value, parameters);
                }
                return copy;
            case JsonArray a:
                return new JsonArray([.. a.Select(i => ResolveAll(i, parameters))]);
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>Writes the environment name as <c>{env}</c> wherever it stands as its own word part (<c>log-todo-dev</c>, <c>crtododev…</c> excluded: names are skipped).</summary>
    private static JsonObject Normalise(JsonObject body, EnvironmentConfiguration environment)
    {
        // Also "<prefix><env>" run together (the action group's short name "tododev").
        var name = Regex.Escape(environment.Name);
        var pattern = new Regex($"(?<![A-Za-z])(?:(?<prefix>{Regex.Escape(environment.NamePrefix)}))?{name}(?![A-Za-z])", RegexOptions.CultureInvariant);
        return (JsonObject)Rewrite(body, pattern)!;
    }

    private static string Replacement(Match m) => m.Groups["prefix"].Value + "{env}";

    private static JsonNode? Rewrite(JsonNode? node, Regex pattern) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(pattern.Replace(p.Key, Replacement), Rewrite(p.Value, pattern)))),
        JsonArray a => new JsonArray([.. a.Select(i => Rewrite(i, pattern))]),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(pattern.Replace(s, Replacement)),
        _ => node?.DeepClone(),
    };
}
