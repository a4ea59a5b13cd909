namespace Provisioning.Operations.Tests;

[TestClass]
public sealed class CostEstimatorTests
{
    private static readonly PriceSheet Sheet = PriceSheet.Default;

    private static CostLine Line(CostEstimate estimate, string resource) => estimate.Lines.Single(l => l.Resource == resource);

    [TestMethod]
    [DataRow("dev")]
    [DataRow("staging")]
    [DataRow("prod")]
    public void Every_committed_environment_is_priced_and_the_total_is_the_sum_of_its_lines(string environment)
    {
        var estimate = CostEstimator.Estimate(environment, States.Committed(environment), new CostScenario(), Sheet);
        Assert.AreEqual(estimate.Lines.Sum(l => l.Monthly), estimate.Total);
        Assert.IsTrue(estimate.Total > 0);
        Assert.AreEqual(60, estimate.ProbeIntervalSeconds, "env files probe every minute");
    }

    [TestMethod]
    public void A_one_minute_probe_keeps_min_zero_apps_awake_at_the_active_rate()
    {
        var state = States.Committed("dev");
        var estimate = CostEstimator.Estimate("dev", state, new CostScenario(), Sheet);
        var frontend = Line(estimate, "frontendApp");
        // frontend: 0.25 vCPU, 0.5 GiB, minReplicas 0; one replica all month at the active rate.
        var seconds = Sheet.SecondsPerMonth;
        var requests = Sheet.Price("usage.probe.requestsPerRunPerApp") * seconds / 60;
        var expected = 0.25m * seconds * Sheet.Price("containerApps.vcpuSecond.active") + 0.5m * seconds * Sheet.Price("containerApps.gibSecond")
                       + requests * Sheet.Price("containerApps.requests.perMillion") / 1_000_000m;
        Assert.AreEqual(decimal.Round(expected, 6), decimal.Round(frontend.Monthly, 6));
        StringAssert.Contains(frontend.Basis, "never scales to zero");
    }

    [TestMethod]
    public void A_slower_probe_lets_min_zero_apps_sleep_between_runs()
    {
        var state = States.Committed("dev");
        var everyMinute = Line(CostEstimator.Estimate("dev", state, new CostScenario(), Sheet), "backendApp").Monthly;
        var hourly = Line(CostEstimator.Estimate("dev", state, new CostScenario { ProbeSchedule = "0 0 */1 * * *" }, Sheet), "backendApp");
        var awake = (Sheet.Price("containerApps.scale.cooldownSeconds") + Sheet.Price("containerApps.scale.pollingSeconds")) / 3600m;
        Assert.IsTrue(hourly.Monthly < everyMinute * awake * 1.01m + 0.5m, $"{hourly.Monthly} vs {everyMinute}");
        StringAssert.Contains(hourly.Basis, "wakes 1 replica");
    }

    [TestMethod]
    public void Alert_rules_are_priced_by_evaluation_frequency()
    {
        var state = States.Committed("dev");
        var rules = state.Resources.Count(r => r.Type == "Microsoft.Insights/scheduledQueryRules");
        var oneMinute = CostEstimator.Estimate("dev", state, new CostScenario(), Sheet);
        var fifteen = CostEstimator.Estimate("dev", state, new CostScenario { AlertFrequency = "PT15M" }, Sheet);
        var expected = rules * (Sheet.Price("alerts.log.PT1M") - Sheet.Price("alerts.log.PT15M"));
        Assert.AreEqual(expected, oneMinute.Total - fifteen.Total);
        Assert.AreEqual("alerts.log.PT5M", CostEstimator.AlertMeter("PT5M"));
        Assert.AreEqual("alerts.log.PT15M", CostEstimator.AlertMeter("PT1H"));
    }

    [TestMethod]
    public void Prod_database_pays_for_the_high_availability_standby_and_geo_backups()
    {
        var prod = Line(CostEstimator.Estimate("prod", States.Committed("prod"), new CostScenario(), Sheet), "postgres");
        var expected = Sheet.Price("postgres.compute.Standard_D4ds_v5") * Sheet.HoursPerMonth * 2 + 128 * Sheet.Price("postgres.storage.gbMonth") * 2
                       + 128 * Sheet.Price("postgres.backup.geoRedundant.gbMonth");
        Assert.AreEqual(expected, prod.Monthly);
        CollectionAssert.Contains(prod.Meters.ToList(), "postgres.highAvailability.multiplier");
    }

    [TestMethod]
    public void Load_adds_replicas_up_to_max_and_request_charges()
    {
        var state = States.Committed("dev");
        var idle = CostEstimator.Estimate("dev", state, new CostScenario(), Sheet);
        var busy = CostEstimator.Estimate("dev", state, new CostScenario { RequestsPerSecond = 1000 }, Sheet);
        Assert.IsTrue(busy.Total > idle.Total);
        StringAssert.Contains(Line(busy, "backendApp").Basis, "2 replica(s) busy", "dev backend is capped at maxReplicas 2");
    }

    [TestMethod]
    public void Dev_misses_the_30_usd_budget_and_the_advice_names_blockers_and_knobs()
    {
        var advice = BudgetAdvice.For("dev", States.Committed("dev"), States.Configuration("dev"), 30m, Sheet);
        Assert.IsFalse(advice.Met);
        Assert.IsTrue(advice.Blockers.Sum(b => b.Monthly) >= advice.IdleMonthly - 30m, "the blockers account for the excess");
        Assert.IsTrue(advice.WhatIfs.All(w => w.IdleMonthly <= advice.IdleMonthly), "no knob raises the cost");
        Assert.IsTrue(advice.WhatIfs.Any(w => w.Knobs.Single().Setting == "probe.schedule" && w.IdleMonthly < advice.IdleMonthly));
        Assert.IsTrue(advice.MetWithKnobs, $"all knobs together: {advice.Together?.IdleMonthly}");
    }

    [TestMethod]
    public void A_probe_with_min_zero_replicas_is_billed_only_while_a_run_keeps_it_up()
    {
        var hourly = new CostScenario { ProbeSchedule = "0 0 */1 * * *" };
        var alwaysOn = Line(CostEstimator.Estimate("dev", States.Committed("dev"), hourly, Sheet), "probeFunction");
        var configuration = States.Configuration("dev") with { Probe = States.Configuration("dev").Probe with { MinReplicas = 0 } };
        var onDemand = Line(CostEstimator.Estimate("dev", GeneratedState.Of(configuration), hourly, Sheet), "probeFunction");
        // Up for the run (60 s) and the cooldown and polling after it (330 s) of every hour, at the active rate.
        var seconds = Sheet.SecondsPerMonth * 390m / 3600m;
        var expected = 0.5m * seconds * Sheet.Price("containerApps.vcpuSecond.active") + 1m * seconds * Sheet.Price("containerApps.gibSecond");
        Assert.AreEqual(decimal.Round(expected, 6), decimal.Round(onDemand.Monthly, 6), onDemand.Basis);
        Assert.IsTrue(onDemand.Monthly < alwaysOn.Monthly / 2, $"{onDemand.Monthly} vs {alwaysOn.Monthly}");
        StringAssert.Contains(onDemand.Basis, "started for each run");
    }
}
