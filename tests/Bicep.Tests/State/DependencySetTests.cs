using System.Text.Json.Nodes;
using Provisioning.Bicep.State;

namespace Provisioning.Bicep.Tests.State;

/// <summary>
/// dependsOn is a set to ARM: a dependency that only moves is no change, and a change lists exactly the dependencies
/// that come and go, once, instead of every position after an insertion.
/// </summary>
[TestClass]
public sealed class DependencySetTests
{
    private static DeploymentState With(params string[] dependencies) => new("main.bicep", [],
    [
        new ResourceState("app", "Microsoft.App/containerApps", "2025-01-01", "'app'",
            new JsonObject
            {
                ["name"] = "app",
                ["dependsOn"] = new JsonArray([.. dependencies.Select(d => (JsonNode)StateValues.Expression(d))]),
            },
            [], string.Empty),
    ]);

    [TestMethod]
    public void A_reordered_dependency_list_is_no_change()
    {
        Assert.IsTrue(StateDiff.Compare(With("vault", "server", "zone"), With("zone", "vault", "server")).IsEmpty);
    }

    [TestMethod]
    public void An_inserted_dependency_is_one_change_naming_only_it()
    {
        var change = StateDiff.Compare(With("vault", "server"), With("endpoint", "vault", "server")).Changed.Single().Properties.Single();

        Assert.AreEqual("dependsOn: (not set) → [endpoint]", change.ToString());
    }

    [TestMethod]
    public void Dependencies_that_come_and_go_are_both_named_in_one_change()
    {
        var change = StateDiff.Compare(With("firewall", "vault"), With("vault", "endpoint", "zone")).Changed.Single().Properties.Single();

        Assert.AreEqual("dependsOn: [firewall] → [endpoint, zone]", change.ToString());
    }
}
