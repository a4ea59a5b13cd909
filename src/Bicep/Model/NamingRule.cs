using System.Text.RegularExpressions;

namespace Provisioning.Bicep.Model;

/// <summary>How unique a resource name must be.</summary>
public enum NameUniquenessScope
{
    Parent,
    ResourceGroup,
    Subscription,
    Global,
}

/// <summary>Azure's rules for one resource type's names: length, characters, and where they must be unique.</summary>
/// <param name="Pattern">Matches a whole valid name (anchored), e.g. <c>^[a-z0-9]{3,24}$</c>.</param>
/// <param name="PatternDescription">The pattern in words, quoted in validation messages.</param>
public sealed record NamingRule(int MinLength, int MaxLength, Regex Pattern, string PatternDescription, NameUniquenessScope Scope)
{
    /// <summary>Whether <paramref name="name"/> satisfies length and pattern.</summary>
    public bool IsValid(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length >= MinLength && name.Length <= MaxLength && Pattern.IsMatch(name);
    }

    /// <summary>
    /// Whether <paramref name="c"/> may appear inside a name. The pattern describes whole names, so the character is
    /// tried in the middle of an otherwise valid name made of a filler character the pattern accepts.
    /// Returns true when no such probe can be built (the check then cannot say anything).
    /// </summary>
    public bool AllowsCharacter(char c)
    {
        // 2 * half + 1 >= MinLength, so the probe is long enough.
        var half = Math.Max(1, MinLength / 2);
        if (2 * half + 1 > MaxLength)
        {
            return true;
        }
        foreach (var filler in "a0A")
        {
            var pad = new string(filler, half);
            if (Pattern.IsMatch(pad + filler + pad))
            {
                return Pattern.IsMatch(pad + c + pad);
            }
        }
        return true;
    }

    /// <summary>The distinct characters of <paramref name="text"/> that this type's names never contain, in order of appearance.</summary>
    public IReadOnlyList<char> InvalidCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Distinct().Where(c => !AllowsCharacter(c)).ToList();
    }
}
