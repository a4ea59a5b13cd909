using System.Collections.Immutable;

namespace Provisioning.Catalogue;

/// <summary>
/// A success criterion of the product specification as a service level objective: the share of the probe's results
/// of <see cref="Checks"/> that must pass. What is left over, <see cref="ErrorBudget"/>, is what the burn-rate alerts
/// (<see cref="TodoObjectives.BurnRates"/>) watch being spent.
/// </summary>
/// <param name="Id">The criterion's number in the product specification, e.g. <c>SC-003</c>.</param>
/// <param name="Title">What the criterion is about, for people: "communication between components".</param>
/// <param name="Target">The objective as a fraction, e.g. 0.98 for 98 %.</param>
/// <param name="Checks">The probe checks whose results measure it: those that name it as their <see cref="CheckSpec.Objective"/>.</param>
public sealed record ObjectiveSpec(string Id, string Title, decimal Target, ImmutableArray<string> Checks)
{
    /// <summary>The share of results that may fail: 1 − <see cref="Target"/>.</summary>
    public decimal ErrorBudget => 1m - Target;

}

/// <summary>
/// One pair of windows of a multi-window burn-rate alert: it fires when the error rate over both the long and the
/// short window exceeds <see cref="Factor"/> times the error budget. The long window makes it significant, the short
/// one lets it resolve soon after the failures stop.
/// </summary>
/// <param name="Name">How the alert rule and its results name the pair: <c>fast</c>, <c>slow</c>.</param>
/// <param name="Severity">Azure Monitor severity of its rule (0 critical … 4 verbose).</param>
public sealed record BurnRateWindows(string Name, TimeSpan Long, TimeSpan Short, decimal Factor, int Severity)
{
    /// <summary>The share of a 30-day error budget spent in <see cref="Long"/> at this rate: 14.4 × 1 h / 720 h = 2 %.</summary>
    public decimal BudgetSpent => Factor * (decimal)(Long / TodoObjectives.BudgetPeriod);
}

/// <summary>
/// The product specification's success criteria SC-002…SC-005 as objectives over the probe's checks, and the
/// burn-rate windows every objective is alerted with. Said once here; the alert rules, the workbook, the environment
/// READMEs and docs/contract.md's objective table (held to this by a test) follow.
/// </summary>
public static class TodoObjectives
{
    public const string Deployment = "SC-002";
    public const string Communication = "SC-003";
    public const string Jwt = "SC-004";
    public const string Database = "SC-005";

    /// <summary>The period an error budget is counted over (the budget-burned figures of the workbook and <see cref="BurnRateWindows.BudgetSpent"/>).</summary>
    public static readonly TimeSpan BudgetPeriod = TimeSpan.FromDays(30);

    private static readonly ImmutableArray<ObjectiveSpec> Declared =
    [
        // The deployed state itself: the migration ran and every app's latest revision is up.
        new(Deployment, "deployment", 0.95m, []),
        new(Communication, "communication between frontend, API, MCP server", 0.98m, []),
        new(Jwt, "JWT authentication and authorization", 0.99m, []),
        new(Database, "database", 0.99m, []),
    ];

    /// <summary>
    /// The objectives of the Todo system with its checks. A check names its objective in its catalogue entry
    /// (<see cref="TodoChecks"/>), so a new check joins one without an edit here.
    /// </summary>
    // After Declared: static initialisers run in the order they are written.
    public static IReadOnlyList<ObjectiveSpec> All { get; } = For(TodoSystem.Description);

    /// <summary>
    /// The two pairs of the Site Reliability Workbook's "Alerting on SLOs" (multiwindow, multi-burn-rate): 2 % of a
    /// 30-day budget spent within an hour (14.4×, confirmed over the last 5 minutes) pages; 5 % within 6 hours (6×,
    /// confirmed over the last 30 minutes) is less urgent.
    /// </summary>
    public static ImmutableArray<BurnRateWindows> BurnRates { get; } =
    [
        new("fast", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 14.4m, Severity: 1),
        new("slow", TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), 6m, Severity: 2),
    ];

    /// <summary>
    /// The objectives of <paramref name="system"/>, each with the checks that name it, in the system's check order;
    /// those no check names are left out. A check naming an objective that is not declared here belongs to none (a test
    /// refuses that).
    /// </summary>
    public static IReadOnlyList<ObjectiveSpec> For(SystemDescription system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return [.. Declared
            .Select(o => o with { Checks = [.. system.Checks.Where(c => c.Objective == o.Id).Select(c => c.Name)] })
            .Where(o => !o.Checks.IsEmpty)];
    }
}
