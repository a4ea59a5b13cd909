using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.State;
using static Provisioning.Bicep.Tests.State.StateFixtures;

namespace Provisioning.Bicep.Tests.State;

/// <summary>The diff the plan command builds on: added, removed and changed resources with the changed property paths.</summary>
[TestClass]
public sealed class StateDiffTests
{
    [TestMethod]
    public void Identical_states_have_no_changes()
    {
        var state = StateOf([Vault, Server, Storage], null);

        Assert.IsTrue(StateDiff.Compare(state, state).IsEmpty);
    }

    [TestMethod]
    public void Reports_added_removed_and_changed_resources_with_each_changed_path()
    {
        var before = StateOf([Vault, Server, Storage], null);
        var after = StateOf([Vault with { SoftDeleteRetentionInDays = 30, PublicNetworkAccess = "Disabled" }, Server, AppsEnvironment], null);

        var changes = StateDiff.Compare(before, after);

        CollectionAssert.AreEqual(new[] { "apps" }, changes.Added.Select(r => r.SymbolicName).ToArray());
        CollectionAssert.AreEqual(new[] { "storage" }, changes.Removed.Select(r => r.SymbolicName).ToArray());
        var vault = changes.Changed.Single();
        Assert.AreEqual("vault", vault.After.SymbolicName);
        CollectionAssert.AreEqual(
            new[] { "properties.softDeleteRetentionInDays: 90 → 30", "properties.publicNetworkAccess: (not set) → \"Disabled\"" },
            vault.Properties.Select(p => p.ToString()).ToArray());
    }

    [TestMethod]
    public void Array_items_are_compared_by_index_and_a_rename_is_remove_plus_add()
    {
        var before = StateOf([AppsEnvironment with { WorkloadProfiles = [WorkloadProfile.Consumption] }], null);
        var after = StateOf([AppsEnvironment with { WorkloadProfiles = [WorkloadProfile.Consumption, WorkloadProfile.Consumption with { Name = "Second" }] }], null);
        var renamed = StateOf([AppsEnvironment with { Name = "cae-guard-renamed" }], null);

        var grown = StateDiff.Compare(before, after).Changed.Single().Properties.Single();
        var rename = StateDiff.Compare(before, renamed);

        Assert.AreEqual("properties.workloadProfiles[1]", grown.Path);
        Assert.IsFalse(grown.BeforeExists);
        Assert.AreEqual(1, rename.Added.Length);
        Assert.AreEqual(1, rename.Removed.Length);
        Assert.AreEqual(0, rename.Changed.Length);
    }
}
