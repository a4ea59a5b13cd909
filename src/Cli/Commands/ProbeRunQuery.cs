using System.Globalization;
using System.Text.Json.Nodes;

namespace Provisioning.Cli.Commands;

/// <summary>
/// How <c>verify-deployment</c> reads the probe's results from Application Insights: the query and the table
/// <c>az monitor app-insights query --output json</c> prints for it. Depends on nothing but the runtime, so the
/// HealthProbe tests compile this very file and evaluate the query over what the real host sent.
/// </summary>
internal static class ProbeRunQuery
{
    /// <summary>What the query reads of each result; the names are the query's own columns.</summary>
    internal sealed record Result(DateTimeOffset Timestamp, string Check, bool Passed, string Outcome, string Component, string FailureKind, string Reason);

    /// <summary>
    /// Every result the probe (its cloud role) reported after <paramref name="since"/>, oldest first. All results of
    /// one run carry the run's start as their timestamp, which is how runs are told apart.
    /// </summary>
    public static string Text(DateTimeOffset since, string roleName) => $"""
        availabilityResults
        | where timestamp > datetime({Iso(since)}) and cloud_RoleName == '{roleName}'
        | project timestamp, name, ok = tostring(success) in ('1', 'True', 'true'), outcome = tostring(customDimensions.outcome), component = tostring(customDimensions.component), failureKind = tostring(customDimensions.failureKind), reason = message
        | order by timestamp asc
        """;

    /// <summary>The rows of <c>az monitor app-insights query --output json</c>: <c>{"tables": [{"columns": [{"name": …}], "rows": [[…]]}]}</c>.</summary>
    /// <exception cref="FormatException">The answer is not that table, or lacks one of the query's columns.</exception>
    public static IReadOnlyList<Result> Parse(string json)
    {
        var table = JsonNode.Parse(json)?["tables"]?.AsArray().FirstOrDefault()
            ?? throw new FormatException("no \"tables\" in the answer");
        var columns = table["columns"]!.AsArray().Select(c => (string)c!["name"]!).ToList();
        int Column(string name) => columns.IndexOf(name) is var i and >= 0 ? i : throw new FormatException($"the answer has no column '{name}'");
        var (timestamp, check, ok, outcome, component, kind, reason) =
            (Column("timestamp"), Column("name"), Column("ok"), Column("outcome"), Column("component"), Column("failureKind"), Column("reason"));
        return [.. table["rows"]!.AsArray().Select(row => row!.AsArray()).Select(row => new Result(
            DateTimeOffset.Parse(Value(row[timestamp]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            Value(row[check]),
            row[ok] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : Value(row[ok]) is "1" or "True" or "true",
            Value(row[outcome]), Value(row[component]), Value(row[kind]), Value(row[reason])))];
    }

    /// <summary>A UTC time as KQL's <c>datetime()</c> and the messages write it.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Value(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";
}
