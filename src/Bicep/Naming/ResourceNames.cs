using System.Text;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Validation;

namespace Provisioning.Bicep.Naming;

/// <summary>
/// Generates names that satisfy a type's <see cref="NamingRule"/>: the CAF abbreviation, the given parts (workload,
/// environment, …) lowercased and joined with '-' where the type allows it, and for globally unique types
/// <c>uniqueString(resourceGroup().id, '&lt;identifier&gt;')</c>, seeded with the resource's identifier so two
/// resources of one type in one resource group never collide. Literal parts are cut to fit the maximum length;
/// the result is checked against the rule, so a name from here never fails <see cref="NamingRuleCheck"/>.
/// </summary>
public static class ResourceNames
{
    /// <summary>A name for <paramref name="resource"/> from its type's abbreviation and rule.</summary>
    /// <exception cref="ArgumentException">The type has no naming rule or abbreviation, or no valid name can be made.</exception>
    public static BicepValue<string> For(Resource resource, IEnumerable<string> parts, UniqueSuffix suffix = UniqueSuffix.WhenGloballyUnique)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var rule = resource.NamingRule
            ?? throw new ArgumentException($"{resource.ResourceType} declares no naming rule; give resource '{resource.Identifier}' its name explicitly.", nameof(resource));
        return Create(resource.ResourceType, rule, ResourceAbbreviations.For(resource.ResourceType), resource.Identifier, parts, suffix);
    }

    /// <summary>A copy of <paramref name="resource"/> named by <see cref="For"/>.</summary>
    public static T WithGeneratedName<T>(this T resource, params string[] parts) where T : Resource
    {
        ArgumentNullException.ThrowIfNull(resource);
        Resource named = resource with { Name = For(resource, parts) };
        return (T)named;
    }

    /// <summary>
    /// A name shaped to <paramref name="rule"/>: <c>abbreviation-part-part</c> (hyphens only where allowed), followed by
    /// <c>uniqueString(seed…, 'identifier')</c> when <paramref name="suffix"/> asks for it.
    /// </summary>
    /// <param name="seed">What makes the suffix unique besides the identifier; <c>resourceGroup().id</c> when null.</param>
    public static BicepValue<string> Create(
        string resourceType,
        NamingRule rule,
        string abbreviation,
        string identifier,
        IEnumerable<string> parts,
        UniqueSuffix suffix = UniqueSuffix.WhenGloballyUnique,
        BicepExpression? seed = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(abbreviation);
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(parts);

        var hyphens = rule.AllowsCharacter('-');
        var separator = hyphens ? "-" : "";
        var cleanAbbreviation = Clean(abbreviation, hyphens);
        var words = parts.Select(p => Clean(p, hyphens)).Where(p => p.Length > 0).ToList();
        var unique = suffix == UniqueSuffix.Always || (suffix == UniqueSuffix.WhenGloballyUnique && rule.Scope == NameUniquenessScope.Global);

        var room = rule.MaxLength - (unique ? NameEstimate.UniqueStringLength + separator.Length : 0);
        var prefix = Fit(cleanAbbreviation, words, separator, room);

        BicepExpression name = unique
            ? new InterpolatedString([
                new TextSegment(prefix.Length == 0 ? "" : prefix + separator),
                new ExpressionSegment(Syntax.Bicep.UniqueString(seed ?? Syntax.Bicep.ResourceGroup().Member("id"), new StringLiteral(identifier))),
            ])
            : new StringLiteral(prefix);

        var problems = NamingRuleCheck.Check(resourceType, rule, name);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"No valid {resourceType} name can be made for '{identifier}' from the parts given: " + string.Join(" ", problems),
                nameof(parts));
        }
        return unique ? BicepValue<string>.FromExpression(name) : BicepValue<string>.FromLiteral(prefix);
    }

    /// <summary>Lowercase letters and digits, with any other run of characters turned into one '-' (or dropped when hyphens are not allowed).</summary>
    private static string Clean(string part, bool hyphens)
    {
        ArgumentNullException.ThrowIfNull(part);
        var builder = new StringBuilder(part.Length);
        foreach (var c in part.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (hyphens && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        return builder.ToString().TrimEnd('-');
    }

    /// <summary>
    /// Joins abbreviation and parts within <paramref name="room"/> characters. The longest part loses its last
    /// character until the whole fits, so short parts such as the environment name survive intact
    /// (<c>kv-todo-dev</c> becomes <c>kv-tod-dev</c>, not <c>kv-todo-de</c>).
    /// </summary>
    private static string Fit(string abbreviation, List<string> words, string separator, int room)
    {
        string Joined() => string.Join(separator, words.Prepend(abbreviation).Where(w => w.Length > 0));
        while (Joined().Length > room && words.Count > 0)
        {
            var longest = words.IndexOf(words.MaxBy(w => w.Length)!);
            words[longest] = words[longest][..^1].TrimEnd('-');
            if (words[longest].Length == 0)
            {
                words.RemoveAt(longest);
            }
        }
        var joined = Joined();
        return joined.Length <= room ? joined : joined[..Math.Max(0, room)].TrimEnd('-');
    }
}
