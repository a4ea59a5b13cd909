using System.Globalization;
using System.Text;
using System.Text.Json;
using Provisioning.Probes;

namespace Provisioning.Cli.Commands;

/// <summary>How <c>probe</c> prints a report: an aligned table for people, one JSON document for machines.</summary>
internal static class ProbeOutput
{
    public static int ExitCode(ProbeReport report) =>
        report.HasSecurityFailure ? ExitCodes.SecurityFailure
        : report.AllPassed ? ExitCodes.Success
        : ExitCodes.CheckFailed;

    public static string Table(ProbeReport report, string environment)
    {
        var rows = report.Results.Select(r => new[]
        {
            r.Name, r.Component, OutcomeText.Of(r.Outcome).ToUpperInvariant(), Ms(r.Duration), r.Reason,
        }).ToList();
        string[] header = ["CHECK", "COMPONENT", "OUTCOME", "TIME", "REASON"];
        var widths = Enumerable.Range(0, header.Length - 1)
            .Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max())
            .ToArray();

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Probe of environment '{environment}'").AppendLine();
        AppendRow(text, header, widths);
        foreach (var row in rows)
        {
            AppendRow(text, row, widths);
        }
        var counts = report.Results.GroupBy(r => r.Outcome).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {OutcomeText.Of(g.Key)}");
        text.Append(CultureInfo.InvariantCulture,
            $"{report.Results.Count} checks: {string.Join(", ", counts)} in {Ms(report.Duration)}. Overall: {OutcomeText.Of(report.Overall).ToUpperInvariant()}")
            .AppendLine();
        var notRun = report.NotRun.Select(r => r.Name).ToList();
        if (notRun.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"Not run from here (outside the environment): {string.Join(", ", notRun)}; only the probe inside the environment reaches them, and they count neither way.")
                .AppendLine();
        }
        else if (report.Results.Any(r => ProbeReach.InsideOnly(TodoSystem.Description.Check(r.Name))
            && r.Kind is FailureKind.Dns or FailureKind.Refused or FailureKind.Timeout))
        {
            text.AppendLine("An app with internal ingress was not reachable: if this probe runs outside the environment, say so with --from outside.");
        }
        return text.ToString();
    }

    public static string Json(ProbeReport report, string environment) =>
        JsonSerializer.Serialize(new JsonReport(
            environment,
            report.StartedAt,
            Milliseconds(report.Duration),
            OutcomeText.Of(report.Overall),
            ExitCode(report),
            [.. report.Results.Select(r => new JsonResult(
                r.Name, r.Component, OutcomeText.Of(r.Outcome), r.Kind.ToString(), Milliseconds(r.Duration), r.Reason))]),
            JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length - 1; i++)
        {
            text.Append(cells[i].PadRight(widths[i] + 2));
        }
        text.Append(cells[^1]).AppendLine();
    }

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static double Milliseconds(TimeSpan span) => Math.Round(span.TotalMilliseconds, 1);

    private sealed record JsonReport(string Environment, DateTimeOffset StartedAt, double DurationMs, string Overall, int ExitCode, IReadOnlyList<JsonResult> Results);

    private sealed record JsonResult(string Name, string Component, string Outcome, string FailureKind, double DurationMs, string Reason);
}
