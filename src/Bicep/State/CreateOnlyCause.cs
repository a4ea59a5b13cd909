using System.Collections.Immutable;

namespace Provisioning.Bicep.State;

/// <summary>
/// One edit that breaks a create-only rule, with every resource it breaks it on: changing the region is one cause that
/// re-creates every resource with a location, and a person should read it once, not once per resource.
/// </summary>
public sealed record CreateOnlyCause(
    string Path,
    string Explanation,
    string Before,
    string After,
    ImmutableArray<CreateOnlyViolation> Violations)
{
    /// <summary>Why Azure refuses it, each distinct reason once (resource types may word the same rule differently).</summary>
    public IEnumerable<string> Reasons => Violations.Select(v => $"{v.Property.Reason} (Source: {v.Property.Source})").Distinct(StringComparer.Ordinal);

    /// <summary>What re-creating costs, each distinct consequence once, with the resources it applies to when there are several.</summary>
    public IEnumerable<string> Consequences =>
        Violations.Length == 1
            ? [Violations[0].RecreateConsequence]
            : Violations.GroupBy(v => v.RecreateConsequence, StringComparer.Ordinal).Select(g =>
                (g.Count() <= 3 ? $"[{string.Join(", ", g.Select(v => v.SymbolicName))}]" : $"[{g.Count()} resources]") + " " + g.Key);

    /// <summary>The affected resources' symbolic names, in template order.</summary>
    public IEnumerable<string> SymbolicNames => Violations.Select(v => v.SymbolicName).Distinct(StringComparer.Ordinal);

    /// <summary>Violations grouped by the edit that causes them (path, rule, before, after), in the order they were found.</summary>
    public static ImmutableArray<CreateOnlyCause> Group(IEnumerable<CreateOnlyViolation> violations) =>
        [.. violations
            .GroupBy(v => (v.Property.Path, v.Property.Rule.Explanation, v.Before, v.After))
            .Select(g => new CreateOnlyCause(g.Key.Path, g.Key.Explanation, g.Key.Before, g.Key.After, [.. g]))];
}
