using System.Text.Json.Nodes;
using Provisioning.Bicep.State;

namespace Provisioning.Operations.Tests;

[TestClass]
public sealed class PlannerTests
{
    [TestMethod]
    public void The_same_state_has_no_changes_and_no_cost_delta()
    {
        var state = States.Committed("dev");
        var plan = Planner.Compare("dev", state, state, PriceSheet.Default);
        Assert.IsFalse(plan.HasChanges);
        Assert.AreEqual(0m, plan.CostDelta);
    }

    [TestMethod]
    public void A_changed_property_is_reported_with_its_path_and_values_and_priced()
    {
        var committed = States.Committed("dev");
        var next = StateFile.Read(StateFile.Write(committed));
        var postgres = next.Resources.Single(r => r.SymbolicName == "postgres");
        ((JsonObject)postgres.Body["properties"]!["storage"]!)["storageSizeGB"] = 64;
        var plan = Planner.Compare("dev", committed, next, PriceSheet.Default);
        var change = plan.Changes.Changed.Single();
        Assert.AreEqual("postgres", change.After.SymbolicName);
        Assert.AreEqual("properties.storage.storageSizeGB: 32 → 64", change.Properties.Single().ToString());
        Assert.AreEqual(32 * PriceSheet.Default.Price("postgres.storage.gbMonth"), plan.CostDelta);
        Assert.AreEqual(0, plan.Violations.Length, "storage may grow");
    }

    [TestMethod]
    public void A_shrinking_disk_is_a_create_only_violation()
    {
        var committed = States.Committed("dev");
        var next = StateFile.Read(StateFile.Write(committed));
        ((JsonObject)next.Resources.Single(r => r.SymbolicName == "postgres").Body["properties"]!["storage"]!)["storageSizeGB"] = 16;
        var violation = Planner.Compare("dev", committed, next, PriceSheet.Default).Violations.Single();
        Assert.AreEqual("properties.storage.storageSizeGB", violation.Property.Path);
    }

    [TestMethod]
    public void Environment_diff_of_an_environment_with_itself_is_empty()
    {
        var configuration = Provisioning.Environments.Configuration.ConfigurationLoader.LoadAll(Path.Combine(Provisioning.TestSupport.TestFolders.RepositoryRoot, "env")).Single(c => c.Name == "dev");
        var comparison = EnvironmentDiff.Compare(configuration, States.Committed("dev"), configuration, States.Committed("dev"));
        Assert.AreEqual(0, comparison.Settings.Count);
        Assert.AreEqual(0, comparison.Resources.Count);
    }
}
