using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Provisioning.Bicep.State;

/// <summary>
/// Which changes Azure accepts on a create-only property of an existing resource. Values are state values (see
/// <see cref="StateValues"/>); a property that is not set has already been replaced by its declared default.
/// </summary>
public abstract record ChangeRule
{
    /// <summary>The rule's name in the state file.</summary>
    public abstract string Kind { get; }

    /// <summary>Says what Azure refuses, completing "the property …".</summary>
    public abstract string Explanation { get; }

    public abstract bool Allows(JsonNode? before, JsonNode? after);

    public static ChangeRule Immutable { get; } = new ImmutableRule();

    public static ChangeRule GrowOnly { get; } = new GrowOnlyRule();
}

/// <summary>Fixed when the resource is created.</summary>
public sealed record ImmutableRule : ChangeRule
{
    public override string Kind => "immutable";

    public override string Explanation => "cannot change once the resource exists";

    public override bool Allows(JsonNode? before, JsonNode? after) => JsonNode.DeepEquals(before, after);
}

/// <summary>
/// Changes only in the listed directions, e.g. purge protection false → true; every other change is refused. Kept apart
/// from <see cref="ImmutableRule"/> because an environment may legitimately tighten such a setting later.
/// </summary>
public sealed record OneWayRule(ImmutableArray<Transition> Allowed) : ChangeRule
{
    public override string Kind => "one-way";

    public override string Explanation =>
        "changes only " + string.Join(" or ", Allowed.Select(t => $"{t.From} → {t.To}")) + " once the resource exists";

    public override bool Allows(JsonNode? before, JsonNode? after) =>
        JsonNode.DeepEquals(before, after) ||
        Allowed.Any(t => StateValues.ToJson(before) == t.From && StateValues.ToJson(after) == t.To);

    public bool Equals(OneWayRule? other) => other is not null && Allowed.SequenceEqual(other.Allowed);

    public override int GetHashCode() => Allowed.Aggregate(0, (hash, t) => HashCode.Combine(hash, t));
}

/// <summary>One allowed change of a <see cref="OneWayRule"/>, both sides as compact JSON (<c>false</c>, <c>"Storage"</c>).</summary>
public sealed record Transition(string From, string To);

/// <summary>A number that may grow but never shrink (a disk cannot be made smaller).</summary>
public sealed record GrowOnlyRule : ChangeRule
{
    public override string Kind => "grow-only";

    public override string Explanation => "can only grow once the resource exists";

    public override bool Allows(JsonNode? before, JsonNode? after) =>
        JsonNode.DeepEquals(before, after) ||
        (Number(before) is { } b && Number(after) is { } a && a >= b);

    private static decimal? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;
}

/// <summary>
/// Only the part of a string value that <see cref="Pattern"/> matches is fixed, e.g. the performance tier
/// (<c>Standard</c>/<c>Premium</c>) of a storage SKU name, whose redundancy part may change.
/// </summary>
public sealed record ImmutablePartRule(string Pattern, string Part) : ChangeRule
{
    public override string Kind => "immutable-part";

    public override string Explanation => $"cannot change its {Part} once the resource exists";

    public override bool Allows(JsonNode? before, JsonNode? after) =>
        JsonNode.DeepEquals(before, after) ||
        (Text(before) is { } b && Text(after) is { } a &&
         string.Equals(Regex.Match(b, Pattern, RegexOptions.CultureInvariant).Value, Regex.Match(a, Pattern, RegexOptions.CultureInvariant).Value, StringComparison.Ordinal));

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
