using System.Globalization;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Validation;

/// <summary>
/// Checks resource names against Azure's rules for their type (<see cref="Resource.NamingRule"/>). Literal names are
/// checked exactly; interpolated names by estimate: literal text plus 13 characters per <c>uniqueString(…)</c>, with
/// other expression parts (parameters, function results) skipped, so a failure here is certain to fail in Azure too.
/// </summary>
public static class NamingRuleCheck
{
    private const string Fix = "shorten or change the literal parts, or build the name with ResourceNames (CAF abbreviation + uniqueString), which fits the rule";

    public static IEnumerable<ValidationProblem> Check(IReadOnlyList<Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var problems = new List<ValidationProblem>();
        foreach (var resource in resources)
        {
            if (resource.NamingRule is { } rule && resource.Name.IsSet)
            {
                problems.AddRange(Check(resource.ResourceType, rule, resource.Name.ToExpression())
                    .Select(message => new ValidationProblem($"resource '{resource.Identifier}' ({resource.ResourceType})", "name", message)));
            }
        }
        return problems;
    }

    /// <summary>The broken parts of <paramref name="rule"/> for one name, as messages (empty when the name may be valid).</summary>
    public static IReadOnlyList<string> Check(string resourceType, NamingRule rule, BicepExpression name)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(name);
        var estimate = NameEstimate.Of(name);
        var messages = new List<string>();
        // The texts of a message are made only for a name that breaks the rule: nearly every name passes.
        var shown = new Lazy<string>(() => name is StringLiteral literal ? "'" + literal.Value + "'" : Writing.BicepWriter.Write(name));
        var allowed = new Lazy<string>(() => string.Create(CultureInfo.InvariantCulture, $"{resourceType} names must be {rule.MinLength} to {rule.MaxLength} characters ({rule.PatternDescription})"));

        if (estimate.Length > rule.MaxLength)
        {
            messages.Add($"name {shown.Value} {Describe(estimate)}, too long: {allowed.Value}; {Fix}.");
        }
        else if (estimate.IsExact && estimate.Length < rule.MinLength)
        {
            messages.Add($"name {shown.Value} {Describe(estimate)}, too short: {allowed.Value}; {Fix}.");
        }

        var invalid = rule.InvalidCharacters(estimate.LiteralText);
        if (invalid.Count > 0)
        {
            var list = string.Join(", ", invalid.Select(c => Quote(c)));
            messages.Add($"name {shown.Value} contains {list}, not allowed: {allowed.Value}; {Fix}.");
        }
        else if (estimate.IsExact && estimate.Length >= rule.MinLength && estimate.Length <= rule.MaxLength && !rule.Pattern.IsMatch(estimate.Sample))
        {
            var example = estimate.UniqueStringCount > 0
                ? $" (for example '{estimate.Sample}', since uniqueString() may start or end with a digit)"
                : "";
            messages.Add($"name {shown.Value} does not match the rule{example}: {allowed.Value}; {Fix}.");
        }
        return messages;
    }

    private static string Describe(NameEstimate estimate) => estimate switch
    {
        { UniqueStringCount: 0, IsExact: true } => string.Create(CultureInfo.InvariantCulture, $"is {estimate.Length} characters long"),
        { IsExact: true } => string.Create(CultureInfo.InvariantCulture,
            $"is {estimate.Length} characters long ({estimate.LiteralText.Length} literal + {NameEstimate.UniqueStringLength} per uniqueString())"),
        _ => string.Create(CultureInfo.InvariantCulture,
            $"is at least {estimate.Length} characters long ({estimate.LiteralText.Length} literal + {NameEstimate.UniqueStringLength} per uniqueString(), other parts not counted)"),
    };

    private static string Quote(char c) => char.IsControl(c) || char.IsWhiteSpace(c)
        ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
        : "'" + c + "'";
}
