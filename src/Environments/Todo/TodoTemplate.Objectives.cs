using System.Globalization;
using Provisioning.Bicep.Resources.Monitoring;
using Provisioning.Bicep.Syntax;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>How the probe's availability results spell success (classic '1', workspace True), as the check rules read it.</summary>
    private const string Passed = "tostring(success) in ('1', 'True', 'true')";

    /// <summary>Results the probe excused because it was starved itself count neither way (docs/contract.md, "Success criteria").</summary>
    private const string NotStarved = $"tostring(customDimensions.failureKind) != '{ProbeTelemetry.StarvedFailureKind}'";

    /// <summary>
    /// Multi-window burn-rate alert over the objectives (<see cref="TodoObjectives"/>): for each objective, the share
    /// of its checks' results that failed (skipped ones included: the capability was not there; not those the starved
    /// probe excused) over each window,
    /// compared with the window pair's factor times the error budget. One row per objective whose budget burns too
    /// fast over both windows of a pair; the rule fires on any row. The query filters its own time range, so it means
    /// the same whatever window the rule gives it (and can be evaluated on its own, as the tests do).
    /// </summary>
    public static string BurnRateAlertQuery(string roleName, IReadOnlyList<ObjectiveSpec> objectives, IReadOnlyList<BurnRateWindows> pairs)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(pairs);
        var windows = pairs.SelectMany(p => new[] { p.Long, p.Short }).Distinct().OrderDescending().ToList();
        string Count(TimeSpan w) => $"total_{Kql(w)} = countif(timestamp > ago({Kql(w)})), failed_{Kql(w)} = countif(timestamp > ago({Kql(w)}) and failed)";
        string Burning(BurnRateWindows p) =>
            $"{p.Name} = failed_{Kql(p.Long)} > {Number(p.Factor)} * budget * total_{Kql(p.Long)} and failed_{Kql(p.Short)} > {Number(p.Factor)} * budget * total_{Kql(p.Short)}";
        string Burn(TimeSpan w) => $"burn_{Kql(w)} = round(todouble(failed_{Kql(w)}) / todouble(total_{Kql(w)}) / budget, 1)";
        return $"""
            availabilityResults
            | where timestamp > ago({Kql(windows[0])}) and cloud_RoleName == '{roleName}'
            | extend objective = {ObjectiveOf(objectives)}
            | where objective != '' and {NotStarved}
            | extend failed = not({Passed})
            | summarize {string.Join(", ", windows.Select(Count))} by objective
            | extend budget = {BudgetOf(objectives)}
            {string.Join("\n", pairs.Select(p => $"| extend {Burning(p)}"))}
            | where {string.Join(" or ", pairs.Select(p => p.Name))}
            | project objective, budget, {string.Join(", ", pairs.Select(p => p.Name))}, {string.Join(", ", windows.Select(Burn))}
            """;
    }

    /// <summary>The burn-rate rules: one per window pair, or one for both under <c>alerts.checkRules: combined</c> (the cost knob).</summary>
    private static void AddObjectiveAlerts(Foundation f, MonitoringParts monitoring)
    {
        var objectives = TodoObjectives.For(f.System);
        if (objectives.Count == 0)
        {
            return;
        }
        // Evaluated like every other rule, at alerts.evaluationFrequency (the cost knob): the short window then only
        // delays, never hides, a burn, because the queries filter their own windows.
        var configured = AlertWindows.For(f.Config).Frequency;
        var role = f.System.ProbeRoleName;
        var groups = f.Config.Alerts.CheckRules == CheckAlertRules.Combined
            ? [(Symbol: "alertBurnRate", Suffix: "slo-burn", Pairs: TodoObjectives.BurnRates.ToList())]
            : TodoObjectives.BurnRates.Select(p => (Symbol: "alertBurn" + char.ToUpperInvariant(p.Name[0]) + p.Name[1..], Suffix: "slo-burn-" + p.Name, Pairs: new List<BurnRateWindows> { p })).ToList();
        foreach (var (symbol, suffix, pairs) in groups)
        {
            var described = string.Join("; ", pairs.Select(p =>
                $"{p.Name}: more than {Number(p.Factor)}× the error budget failing over both the last {AlertWindows.Words(p.Long)} and {AlertWindows.Words(p.Short)} ({Number(p.BudgetSpent * 100)} % of a {TodoObjectives.BudgetPeriod.TotalDays.ToString(CultureInfo.InvariantCulture)}-day budget in {AlertWindows.Words(p.Long)})"));
            f.Template.Add(AlertRule(f, monitoring, symbol, suffix, pairs.Min(p => p.Severity), AlertWindows.Iso(configured), AlertWindows.Iso(new[] { pairs.Max(p => p.Long), configured }.Max()),
                BurnRateAlertQuery(role, objectives, pairs),
                display: "success criteria burning their error budget" + (pairs.Count == 1 ? $" ({pairs[0].Name})" : ""),
                description: $"An objective ({string.Join(", ", objectives.Select(o => $"{o.Id} {Number(o.Target * 100)} %"))}) spends its error budget too fast: {described}. " +
                    "The alert's results name the objective and its burn rates. See the environment README's objective table and the SLO workbook."));
        }
    }

    /// <summary>The SLO workbook: success rate per check, error budget burned per objective, the last failures with their reasons.</summary>
    private static void AddWorkbook(Foundation f, MonitoringParts monitoring)
    {
        var objectives = TodoObjectives.For(f.System);
        var role = f.System.ProbeRoleName;
        var period = TodoObjectives.BudgetPeriod;
        var week = TimeSpan.FromDays(7);
        f.Template.Add(new Workbook("sloWorkbook")
        {
            // A workbook's name is a GUID; seeded with the group and its purpose, it stays the same on every deployment.
            Name = Expr.Guid(Expr.ResourceGroup().Member("id"), (BicepExpression)"slo-workbook"),
            Location = f.Location.Reference,
            Tags = f.TagsFor(),
            DisplayName = $"{f.Env}: success criteria (SLOs)",
            SourceId = monitoring.AppInsights.Id,
            Content = new WorkbookContent(
            [
                new WorkbookText("intro",
                    $"## {f.Env}: success criteria\n\nThe health probe's results (cloud role `{role}`) against the objectives of docs/contract.md. " +
                    string.Join(" ", objectives.Select(o => $"**{o.Id}** {o.Title}: {Number(o.Target * 100)} % ({string.Join(", ", o.Checks.Select(c => $"`{c}`"))})."))),
                new WorkbookQuery("budget", $"Error budget burned, last {AlertWindows.Words(period)}", ErrorBudgetQuery(role, objectives), period),
                new WorkbookQuery("success-rate", $"Success rate per check, last {AlertWindows.Words(week)}", SuccessRateQuery(role, objectives), week),
                new WorkbookQuery("failures", $"Last failures with their reasons, last {AlertWindows.Words(week)}", LastFailuresQuery(role), week),
            ]),
        });
    }

    /// <summary>Per objective: its target, the success rate over the time range and the share of its error budget spent.</summary>
    public static string ErrorBudgetQuery(string roleName, IReadOnlyList<ObjectiveSpec> objectives) => $"""
        availabilityResults
        | where cloud_RoleName == '{roleName}'
        | extend objective = {ObjectiveOf(objectives)}
        | where objective != '' and {NotStarved}
        | summarize total = count(), failed = countif(not({Passed})) by objective
        | extend budget = {BudgetOf(objectives)}
        | project objective, target = round(100.0 * (1.0 - budget), 1), successRate = round(100.0 * todouble(total - failed) / todouble(total), 2), budgetBurned = round(100.0 * todouble(failed) / (todouble(total) * budget), 1), failed, total
        | order by objective asc
        """;

    /// <summary>Per check: the objective it measures, its success rate and how many results it had.</summary>
    public static string SuccessRateQuery(string roleName, IReadOnlyList<ObjectiveSpec> objectives) => $"""
        availabilityResults
        | where cloud_RoleName == '{roleName}'
        | summarize results = count(), passed = countif({Passed}) by name
        | project objective = {ObjectiveOf(objectives)}, check = name, successRate = round(100.0 * todouble(passed) / todouble(results), 2), results
        | order by objective asc, check asc
        """;

    /// <summary>The last 50 failed results with the probe's reason, newest first.</summary>
    public static string LastFailuresQuery(string roleName) => $"""
        availabilityResults
        | where cloud_RoleName == '{roleName}' and not({Passed})
        | project timestamp, check = name, outcome = tostring(customDimensions.outcome), failureKind = tostring(customDimensions.failureKind), reason = message
        | order by timestamp desc
        | take 50
        """;

    /// <summary><c>case(name in ('a', 'b'), 'SC-002', …, '')</c>: the objective a result's check measures, empty for none.</summary>
    private static string ObjectiveOf(IReadOnlyList<ObjectiveSpec> objectives) =>
        $"case({string.Join(", ", objectives.Select(o => $"name in ({string.Join(", ", o.Checks.Select(c => $"'{c}'"))}), '{o.Id}'"))}, '')";

    /// <summary><c>case(objective == 'SC-002', 0.05, …, 1.0)</c>: the objective's error budget.</summary>
    private static string BudgetOf(IReadOnlyList<ObjectiveSpec> objectives) =>
        $"case({string.Join(", ", objectives.Select(o => $"objective == '{o.Id}', {Number(o.ErrorBudget)}"))}, 1.0)";

    /// <summary>A KQL timespan literal: <c>5m</c>, <c>1h</c>, <c>1d</c>.</summary>
    internal static string Kql(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays == Math.Floor(span.TotalDays) => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d"),
        { TotalHours: >= 1 } when span.TotalHours == Math.Floor(span.TotalHours) => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m"),
    };

    private static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
