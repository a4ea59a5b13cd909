using System.Text.RegularExpressions;

namespace Provisioning.Bicep.Syntax;

/// <summary>What Bicep accepts as a symbol or a bare property name; the writer and the validator both ask here.</summary>
public static partial class BicepIdentifier
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex Pattern();
}
