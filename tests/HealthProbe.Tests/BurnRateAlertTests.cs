using System.Text.Json.Nodes;

namespace Provisioning.HealthProbe.Tests;

/// <summary>
/// Issue 18.7: the burn-rate alert queries of every compiled environment (the KQL Azure receives, read from the ARM
/// JSON), evaluated offline by <see cref="KqlEvaluator"/> over telemetry the real host composition sent: the
/// availability results of one faulty and one healthy run of the timer function (RealCompositionRuns), each repeated
/// once a minute over the last six hours with only its timestamp moved, faulty where a scenario says so. A rule fires
/// when its query returns a row (the rules' criterion: row count greater than 0).
/// </summary>
/// <remarks>
/// database.schema's results are left out of every scenario: this rig has no PostgreSQL, so that check fails in the
/// healthy run too and its objective (SC-005) would burn in every scenario. The platform checks only run in Azure.
/// What remains measures SC-003 (communication: the faulty run fails 2 of its 5 checks) and SC-004 (JWT: the faulty
/// run fails 2 of 3).
/// </remarks>
[TestClass]
public sealed class BurnRateAlertTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public async Task An_error_rate_far_above_the_budget_fires_the_fast_burn_alert_for_its_objective()
    {
        // The last 20 runs faulty: JWT fails 40 of 180 results in the hour (22 %, above 14.4 × 1 %) and 10 of 15 in the
        // last 5 minutes. Communication fails 40 of 300 (13 %): above its 2 % budget, but not 14.4 times it.
        var fired = await Evaluate(age => age < TimeSpan.FromMinutes(20));

        foreach (var (environment, rows) in fired)
        {
            var jwt = rows.Where(r => (string?)r["objective"] == TodoObjectives.Jwt).ToList();
            Assert.IsTrue(jwt.Any(r => r.GetValueOrDefault("fast") is true), $"{environment}: SC-004 must burn fast:\n{KqlEvaluator.Describe(rows)}");
            Assert.IsFalse(rows.Any(r => (string?)r["objective"] == TodoObjectives.Communication && r.GetValueOrDefault("fast") is true),
                $"{environment}: SC-003 is below 14.4 × its budget:\n{KqlEvaluator.Describe(rows)}");
        }
    }

    [TestMethod]
    public async Task An_error_rate_below_the_budget_fires_nothing()
    {
        // One faulty run in six hours: 2 of 1,080 JWT results (0.2 %, under the 1 % budget), 2 of 1,800 communication.
        var fired = await Evaluate(age => age == TimeSpan.FromHours(3));

        foreach (var (environment, rows) in fired)
        {
            Assert.IsEmpty(rows, $"{environment}:\n{KqlEvaluator.Describe(rows)}");
        }
    }

    [TestMethod]
    public async Task A_burst_that_has_stopped_does_not_fire_because_the_short_window_is_clean()
    {
        // 20 faulty runs between 40 and 20 minutes ago: the hour is far above 14.4 × budget, the last 5 minutes clean,
        // and six hours hold 40 of 1,080 failed JWT results (3.7 %, under 6 × 1 %).
        var fired = await Evaluate(age => age > TimeSpan.FromMinutes(20) && age < TimeSpan.FromMinutes(40));

        foreach (var (environment, rows) in fired)
        {
            Assert.IsEmpty(rows, $"{environment}:\n{KqlEvaluator.Describe(rows)}");
        }
    }

    [TestMethod]
    public async Task A_steady_error_rate_between_6_and_14_times_the_budget_fires_the_slow_pair_only()
    {
        // Every eighth run faulty: JWT fails 2 of 24 results (8.3 %) over any window of whole cycles: above 6 × 1 %,
        // below 14.4 × 1 %. The newest run is faulty, so the short windows hold a failure too.
        var fired = await Evaluate(age => (int)age.TotalMinutes % 8 == 0);

        foreach (var (environment, rows) in fired)
        {
            var jwt = rows.Where(r => (string?)r["objective"] == TodoObjectives.Jwt).ToList();
            Assert.IsTrue(jwt.Any(r => r.GetValueOrDefault("slow") is true), $"{environment}:\n{KqlEvaluator.Describe(rows)}");
            Assert.IsFalse(rows.Any(r => r.GetValueOrDefault("fast") is true), $"{environment}:\n{KqlEvaluator.Describe(rows)}");
        }
    }

    [TestMethod]
    public async Task The_workbook_reports_the_budget_burned_and_the_last_failures_with_their_reasons()
    {
        var faulty = await RealCompositionRuns.Of("dev");
        var rows = Rows(faulty, Now.AddMinutes(-1));
        var workbook = CompiledEnvironments.Resources(CompiledEnvironments.Template("dev")).Single(r => (string?)r["type"] == "Microsoft.Insights/workbooks");
        // The workbook's content as deployed: one JSON string, its query items of type 3.
        var queries = JsonNode.Parse((string)workbook["properties"]!["serializedData"]!)!["items"]!.AsArray()
            .Where(i => (int?)i!["type"] == 3).ToDictionary(i => (string)i!["name"]!, i => (string)i!["content"]!["query"]!);
        var evaluator = new KqlEvaluator(Now);
        var tables = new Dictionary<string, IReadOnlyList<Dictionary<string, object?>>> { ["availabilityResults"] = rows };

        var budget = evaluator.Run(queries["budget"], tables);
        var jwt = budget.Single(r => (string?)r["objective"] == TodoObjectives.Jwt);
        Assert.AreEqual(99.0, jwt["target"]);
        Assert.AreEqual(33.33, jwt["successRate"], KqlEvaluator.Describe(budget));
        // 2 failed of 3 against a 1 % budget: 2 / (3 × 0.01) = 66.7 times the budget.
        Assert.AreEqual(6666.7, jwt["budgetBurned"], KqlEvaluator.Describe(budget));

        var failures = evaluator.Run(queries["failures"], tables);
        var failedChecks = faulty.Availability.Where(a => !(bool)a.BaseData["success"]!).ToList();
        Assert.HasCount(failedChecks.Count, failures);
        foreach (var failure in failedChecks)
        {
            var row = failures.Single(r => (string?)r["check"] == failure.Name);
            Assert.AreEqual(failure.Text("message"), row["reason"]);
            Assert.AreEqual(failure.Properties["outcome"], row["outcome"]);
        }

        var rates = evaluator.Run(queries["success-rate"], tables);
        Assert.HasCount(faulty.Availability.Count, rates);
        Assert.AreEqual(TodoObjectives.Jwt, rates.Single(r => (string?)r["check"] == CheckNames.BackendAuthAccepts)["objective"]);
    }

    /// <summary>Each environment's burn-rate rules evaluated over six hours of runs, faulty where <paramref name="faultyAt"/> says (by the run's age); the rows all its rules return.</summary>
    private static async Task<Dictionary<string, List<Dictionary<string, object?>>>> Evaluate(Func<TimeSpan, bool> faultyAt)
    {
        var fired = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var environment in CompiledEnvironments.Names)
        {
            var faulty = await RealCompositionRuns.Of(environment);
            var healthy = await RealCompositionRuns.Healthy(environment);
            var rows = new List<Dictionary<string, object?>>();
            for (var minute = 0; minute < 6 * 60; minute++)
            {
                var age = TimeSpan.FromMinutes(minute) + TimeSpan.FromSeconds(30);
                rows.AddRange(Rows(faultyAt(TimeSpan.FromMinutes(minute)) ? faulty : healthy, Now - age)
                    .Where(r => (string?)r["name"] != CheckNames.DatabaseSchema));
            }
            var rules = CompiledEnvironments.AlertQueries(environment).Where(q => q.Rule.Contains("-slo-burn", StringComparison.Ordinal)).ToList();
            Assert.IsNotEmpty(rules, $"{environment} has no burn-rate rule");
            var evaluator = new KqlEvaluator(Now);
            var tables = new Dictionary<string, IReadOnlyList<Dictionary<string, object?>>> { ["availabilityResults"] = rows };
            fired[environment] = [.. rules.SelectMany(rule => evaluator.Run(rule.Query, tables))];
        }
        return fired;
    }

    /// <summary>
    /// The run's availability results as rows of the availabilityResults table (Application Insights' schema, with
    /// the classic table's column names the queries use), stamped with <paramref name="timestamp"/> as the probe stamps
    /// every result of one run with the run's start.
    /// </summary>
    internal static List<Dictionary<string, object?>> Rows(RealCompositionRun run, DateTimeOffset timestamp) =>
        [.. run.Availability.Select(a => new Dictionary<string, object?>
        {
            ["timestamp"] = timestamp,
            ["name"] = a.Name,
            ["success"] = (bool)a.BaseData["success"]!,
            ["message"] = a.Text("message"),
            ["location"] = a.Text("runLocation"),
            ["cloud_RoleName"] = a.RoleName ?? "",
            ["customDimensions"] = a.Properties,
        })];
}
