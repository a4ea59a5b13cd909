using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Contract;

/// <summary>The contract's check table and the catalogue the probe and the alerts are built from say the same.</summary>
[TestClass]
public sealed class ContractChecksTests
{
    [TestMethod]
    public void The_contracts_check_table_is_the_catalogues_checks_in_order()
    {
        var contract = ContractDocument.Checks();
        var catalogue = TodoSystem.Description.Checks.Select(c => (c.Name, c.Component, (int)c.TimeLimit.TotalSeconds,
            c.Alert == AlertPolicy.AvailabilityAndSecurity ? "availability + security" : "availability")).ToList();

        CollectionAssert.AreEqual(catalogue, contract.ToList());
    }

    [TestMethod]
    public void The_contracts_objective_table_is_the_catalogues_objectives()
    {
        var contract = ContractDocument.Objectives().Select(o => (o.Objective, o.TargetPercent, string.Join(", ", o.Checks))).ToList();
        var catalogue = TodoObjectives.All.Select(o => (o.Id, o.Target * 100, string.Join(", ", o.Checks))).ToList();

        CollectionAssert.AreEqual(catalogue, contract);
    }

    [TestMethod]
    public void Every_check_measures_exactly_one_objective()
    {
        // One outage then spends one budget, and no check's results go unjudged by the success criteria.
        // The probe's own health (probe.scheduling) measures the probe, not the product: it is the one exception.
        var measuring = TodoSystem.Description.Checks.Where(c => c.Component != TodoSystem.Probe)
            .ToDictionary(c => c.Name, c => TodoObjectives.All.Count(o => o.Checks.Contains(c.Name)));
        Assert.IsTrue(TodoSystem.Description.Checks.Where(c => c.Component == TodoSystem.Probe).All(c => c.Objective is null),
            "a check of the probe's own health counts against no success criterion");
        var unknown = TodoObjectives.All.SelectMany(o => o.Checks).Where(c => !measuring.ContainsKey(c)).ToList();

        Assert.IsEmpty(unknown, "objectives name checks the catalogue does not have: " + string.Join(", ", unknown));
        Assert.IsEmpty(measuring.Where(m => m.Value != 1).Select(m => $"{m.Key} measures {m.Value} objectives").ToList(),
            "each check names exactly one objective declared in src/Catalogue/TodoObjectives.cs (its Objective in TodoChecks.cs)");
    }
}
