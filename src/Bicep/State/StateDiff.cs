using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Provisioning.Bicep.State;

/// <summary>What changes between two states of one template: resources added, removed and changed, by Azure identity.</summary>
public sealed record StateChanges(
    ImmutableArray<ResourceState> Added,
    ImmutableArray<ResourceState> Removed,
    ImmutableArray<ResourceChange> Changed)
{
    public bool IsEmpty => Added.IsEmpty && Removed.IsEmpty && Changed.IsEmpty;
}

/// <summary>One resource present in both states, with every property path whose value differs.</summary>
public sealed record ResourceChange(ResourceState Before, ResourceState After, ImmutableArray<PropertyChange> Properties);

/// <summary>
/// One changed leaf. <see cref="Path"/> uses the validation messages' notation
/// (<c>properties.template.containers[0].env[1].value</c>); the pseudo-paths <c>@apiVersion</c>, <c>@condition</c> and
/// <c>@symbolicName</c> report declaration changes. A missing side is null with its <c>…Exists</c> false.
/// </summary>
public sealed record PropertyChange(string Path, JsonNode? Before, JsonNode? After)
{
    public bool BeforeExists { get; init; } = true;

    public bool AfterExists { get; init; } = true;

    public override string ToString() =>
        $"{Path}: {StateValues.Display(Before, BeforeExists)} → {StateValues.Display(After, AfterExists)}";
}

public static class StateDiff
{
    /// <summary>Compares two states of the same template; a resource whose type or name changed is removed and added.</summary>
    public static StateChanges Compare(DeploymentState before, DeploymentState after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var beforeById = before.Resources.GroupBy(before.Identity).ToDictionary(g => g.Key, g => g.First());
        var afterIds = after.Resources.Select(after.Identity).ToHashSet();
        var added = ImmutableArray.CreateBuilder<ResourceState>();
        var changed = ImmutableArray.CreateBuilder<ResourceChange>();
        foreach (var resource in after.Resources)
        {
            if (!beforeById.TryGetValue(after.Identity(resource), out var old))
            {
                added.Add(resource);
                continue;
            }
            var properties = Properties(old, resource);
            if (!properties.IsEmpty)
            {
                changed.Add(new ResourceChange(old, resource, properties));
            }
        }
        var removed = before.Resources.Where(r => !afterIds.Contains(before.Identity(r))).ToImmutableArray();
        return new StateChanges(added.ToImmutable(), removed, changed.ToImmutable());
    }

    /// <summary>Every differing leaf of two resource declarations, in body order.</summary>
    public static ImmutableArray<PropertyChange> Properties(ResourceState before, ResourceState after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = ImmutableArray.CreateBuilder<PropertyChange>();
        Declaration("@symbolicName", before.SymbolicName, after.SymbolicName, changes);
        Declaration("@apiVersion", before.ApiVersion, after.ApiVersion, changes);
        Declaration("@condition", before.Condition, after.Condition, changes);
        Node(string.Empty, before.Body, after.Body, changes);
        return changes.ToImmutable();
    }

    private static void Declaration(string path, string? before, string? after, ImmutableArray<PropertyChange>.Builder changes)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new PropertyChange(path, JsonValue.Create(before), JsonValue.Create(after)) { BeforeExists = before is not null, AfterExists = after is not null });
        }
    }

    private static void Node(string path, JsonNode? before, JsonNode? after, ImmutableArray<PropertyChange>.Builder changes)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }
        if (IsContainer(before, out var beforeObject, out var beforeArray) && IsContainer(after, out var afterObject, out var afterArray))
        {
            if (beforeObject is not null && afterObject is not null)
            {
                foreach (var (key, value) in beforeObject)
                {
                    var child = Join(path, key);
                    if (afterObject.TryGetPropertyValue(key, out var next))
                    {
                        if (child == DependsOn && value is JsonArray beforeDependencies && next is JsonArray afterDependencies)
                        {
                            DependencySet(beforeDependencies, afterDependencies, changes);
                            continue;
                        }
                        Node(child, value, next, changes);
                    }
                    else
                    {
                        changes.Add(new PropertyChange(child, value, null) { AfterExists = false });
                    }
                }
                foreach (var (key, value) in afterObject.Where(p => !beforeObject.ContainsKey(p.Key)))
                {
                    changes.Add(new PropertyChange(Join(path, key), null, value) { BeforeExists = false });
                }
                return;
            }
            if (beforeArray is not null && afterArray is not null)
            {
                for (var i = 0; i < Math.Max(beforeArray.Count, afterArray.Count); i++)
                {
                    var child = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
                    if (i >= afterArray.Count)
                    {
                        changes.Add(new PropertyChange(child, beforeArray[i], null) { AfterExists = false });
                    }
                    else if (i >= beforeArray.Count)
                    {
                        changes.Add(new PropertyChange(child, null, afterArray[i]) { BeforeExists = false });
                    }
                    else
                    {
                        Node(child, beforeArray[i], afterArray[i], changes);
                    }
                }
                return;
            }
        }
        changes.Add(new PropertyChange(path, before, after));
    }

    private const string DependsOn = "dependsOn";

    /// <summary>
    /// <c>dependsOn</c> is a set to ARM (the deployment orders by it, whatever the position), so a dependency that moves
    /// is no change: one change at most, from the dependencies only the old list has to those only the new one has.
    /// </summary>
    private static void DependencySet(JsonArray before, JsonArray after, ImmutableArray<PropertyChange>.Builder changes)
    {
        var beforeTexts = before.Select(StateValues.ToJson).ToHashSet(StringComparer.Ordinal);
        var afterTexts = after.Select(StateValues.ToJson).ToHashSet(StringComparer.Ordinal);
        var gone = new JsonArray([.. before.Where(d => !afterTexts.Contains(StateValues.ToJson(d))).Select(d => d?.DeepClone())]);
        var added = new JsonArray([.. after.Where(d => !beforeTexts.Contains(StateValues.ToJson(d))).Select(d => d?.DeepClone())]);
        if (gone.Count > 0 || added.Count > 0)
        {
            changes.Add(new PropertyChange(DependsOn, gone, added) { BeforeExists = gone.Count > 0, AfterExists = added.Count > 0 });
        }
    }

    /// <summary>Objects and arrays are compared member by member; an expression value is a leaf, however it is stored.</summary>
    private static bool IsContainer(JsonNode? node, out JsonObject? obj, out JsonArray? array)
    {
        obj = node is JsonObject o && StateValues.ExpressionText(o) is null ? o : null;
        array = node as JsonArray;
        return obj is not null || array is not null;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
