using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Provisioning.Bicep.State;

/// <summary>
/// A change to a create-only property of a resource that already exists (same type and name in the committed state).
/// Values are display text: literals as JSON, expressions as Bicep text, "(not set)".
/// </summary>
public sealed record CreateOnlyViolation(
    string SymbolicName,
    ResourceIdentity Resource,
    CreateOnlyProperty Property,
    string Before,
    string After,
    string RecreateConsequence);

/// <summary>
/// Compares a freshly built state with the committed one and lists every change Azure would refuse on an existing
/// resource. Pure: it reads nothing and decides nothing about acknowledgements; callers do.
/// </summary>
public static class CreateOnlyGuard
{
    /// <param name="committed">The state last generated (null: nothing exists yet, so nothing can be violated).</param>
    /// <param name="next">The state about to be written; its declarations decide which paths are create-only.</param>
    public static ImmutableArray<CreateOnlyViolation> Check(DeploymentState? committed, DeploymentState next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (committed is null)
        {
            return [];
        }
        var violations = ImmutableArray.CreateBuilder<CreateOnlyViolation>();
        foreach (var resource in next.Resources.Where(r => !r.IsExisting))
        {
            var identity = next.Identity(resource);
            var existing = committed.Resources.FirstOrDefault(r => !r.IsExisting && committed.Identity(r) == identity);
            if (existing is null)
            {
                continue;
            }
            foreach (var property in resource.CreateOnly)
            {
                var (before, beforeSet) = Effective(existing.Body, committed.Parameters, property);
                var (after, afterSet) = Effective(resource.Body, next.Parameters, property);
                if (!property.Rule.Allows(before, after))
                {
                    violations.Add(new CreateOnlyViolation(
                        resource.SymbolicName,
                        identity,
                        property,
                        StateValues.Display(before, beforeSet),
                        StateValues.Display(after, afterSet),
                        resource.RecreateConsequence));
                }
            }
        }
        return violations.ToImmutable();
    }

    /// <summary>The value Azure sees: the printed value with parameter references resolved, or the declared default when omitted.</summary>
    private static (JsonNode? Value, bool IsSet) Effective(JsonObject body, JsonObject parameters, CreateOnlyProperty property)
    {
        var value = StateValues.At(body, property.Path, out var found);
        if (found)
        {
            return (StateValues.Resolve(value, parameters), true);
        }
        return property.Default is { } defaultJson ? (JsonNode.Parse(defaultJson), true) : (null, false);
    }
}
