using System.Text.RegularExpressions;

namespace Provisioning.HealthProbe.Tests;

/// <summary>One comparison an alert query makes: <c>cloud_RoleName == 'x'</c>, <c>name in ('a', 'b')</c>, <c>tostring(customDimensions.outcome) != 'skipped'</c>, <c>tostring(success) in ('1', 'True')</c>.</summary>
/// <param name="Field"><c>cloud_RoleName</c>, <c>name</c>, <c>success</c> or <c>customDimensions</c>.</param>
/// <param name="Key">The custom dimension's key; null for the other fields.</param>
/// <param name="Values">The literals compared with, unquoted; null when the right-hand side is not literals (the test then cannot judge it).</param>
internal sealed record KqlFilter(string Field, string? Key, string Operator, IReadOnlyList<string>? Values, string Text);

/// <summary>
/// Reads the filters out of an alert query's KQL text, so a test compares what the deployed query really says
/// with what the probe really sends, instead of restating either. Only the fields the probe's telemetry carries
/// are recognised; a comparison on one of them in a form not understood comes back with null Values.
/// </summary>
internal static partial class KqlFilters
{
    /// <summary>availabilityResults, traces, …: the table a query starts from.</summary>
    public static string Table(string query) => FirstWord().Match(query).Value;

    public static IReadOnlyList<KqlFilter> Of(string query) =>
        Comparison().Matches(query).Select(m =>
        {
            var field = m.Groups["field"].Value;
            var key = m.Groups["key"].Success ? m.Groups["key"].Value : null;
            return new KqlFilter(key is null ? field : "customDimensions", key, m.Groups["op"].Value, Literals(m.Groups["rhs"].Value), m.Value);
        }).ToList();

    /// <summary>'x', "x", ('a', "b"), or a bare true/false/number; anything else (a column, a function call): null.</summary>
    private static List<string>? Literals(string rhs)
    {
        var text = rhs.Trim();
        if (text.StartsWith('(') && text.EndsWith(')'))
        {
            var items = text[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var values = items.Select(Single).ToList();
            return values.Any(v => v is null) ? null : values.OfType<string>().ToList();
        }
        return Single(text) is { } one ? [one] : null;
    }

    private static string? Single(string text) =>
        text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[^1] == text[0] ? text[1..^1]
        : BareLiteral().IsMatch(text) ? text
        : null;

    [GeneratedRegex(@"^\s*\w+")]
    private static partial Regex FirstWord();

    // The field, optionally inside tostring( ), a comparison operator, and its right-hand side (a list, a quoted
    // string or one token). 'name' must not be the tail of another identifier or a dynamic's member.
    [GeneratedRegex(
        @"(?:tostring\(\s*)?(?<field>cloud_RoleName|(?<![\w.\]])name(?![\w(])|(?<![\w.])success(?!\w)|customDimensions(?:\.(?<key>\w+)|\[\s*['""](?<key>[^'""]+)['""]\s*\]))\s*\)?\s*" +
        @"(?<op>==|!=|=~|!~|!in~?(?=\s*\()|in~?(?=\s*\()|!?has\b|!?contains\b|!?startswith\b)\s*" +
        @"(?<rhs>\([^)]*\)|'[^']*'|""[^""]*""|[^\s|)]+)")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"^(true|false|-?\d+(\.\d+)?)$")]
    private static partial Regex BareLiteral();
}
