using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Provisioning.Bicep.State;

/// <summary>
/// What one template (with its parameter file) asks Azure for, resource by resource: the input of the create-only guard
/// and of plan-style diffs. Written next to the template as JSON (<see cref="StateFile"/>) and committed, so the next
/// generation can compare itself with what was last generated. JSON nodes are shared: treat them as read-only.
/// </summary>
public sealed record DeploymentState(string Template, JsonObject Parameters, ImmutableArray<ResourceState> Resources)
{
    /// <summary>
    /// Facts about the deployment that no resource holds but the next run must know (for example which tier an
    /// environment was generated as), written by the caller. Sorted, so the file is the same on every run.
    /// </summary>
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The resource Azure would update for <paramref name="resource"/>: same type and same name (under the same parent and scope).</summary>
    public ResourceState? Find(ResourceIdentity identity) => Resources.FirstOrDefault(r => Identity(r) == identity);

    /// <summary>
    /// Type plus the names of the resource, its parents and its scope, as Bicep text: the same identity means the same
    /// Azure resource, whatever its symbolic name. A changed name is a new resource.
    /// </summary>
    public ResourceIdentity Identity(ResourceState resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var names = new List<string>();
        var current = resource;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (current is not null && seen.Add(current.SymbolicName))
        {
            names.Insert(0, current.Name);
            var owner = SymbolOf(current.Body["parent"]) ?? SymbolOf(current.Body["scope"]);
            current = owner is null ? null : Resources.FirstOrDefault(r => r.SymbolicName == owner);
        }
        return new ResourceIdentity(resource.Type, string.Join(" / ", names));
    }

    private static string? SymbolOf(JsonNode? node) =>
        StateValues.ExpressionText(node) is { } text && Writing.BicepWriter.IsIdentifier(text) ? text : null;
}

/// <summary>One resource declaration. <see cref="Name"/> is Bicep text (<c>'kv-${uniqueString(resourceGroup().id)}'</c>).</summary>
public sealed record ResourceState(
    string SymbolicName,
    string Type,
    string ApiVersion,
    string Name,
    JsonObject Body,
    ImmutableArray<CreateOnlyProperty> CreateOnly,
    string RecreateConsequence)
{
    /// <summary>The <c>if (…)</c> condition as Bicep text, when the resource is conditional.</summary>
    public string? Condition { get; init; }

    /// <summary>An <c>existing</c> reference: not deployed by the template, never guarded.</summary>
    public bool IsExisting { get; init; }
}

/// <summary>Azure's identity of a resource: its type and names (Bicep text), e.g. a database under its server.</summary>
public sealed record ResourceIdentity(string Type, string Names)
{
    public override string ToString() => $"{Type} {Names}";
}
