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
public sealed record NamingRule(int MinLength, int MaxLength, Regex Pattern, string PatternDescription, NameUniquenessScope Scope);
