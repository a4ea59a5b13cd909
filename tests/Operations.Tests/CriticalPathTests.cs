namespace Provisioning.Operations.Tests;

[TestClass]
public sealed class CriticalPathTests
{
    [TestMethod]
    [DataRow("dev")]
    [DataRow("prod")]
    public void The_path_is_a_dependency_chain_whose_length_is_the_sum_of_its_estimates(string environment)
    {
        var state = States.Committed(environment);
        var path = CriticalPath.Compute(state);
        Assert.IsTrue(path.Steps.Count >= 3);
        var names = state.Resources.Select(r => r.SymbolicName).ToList();
        for (var i = 1; i < path.Steps.Count; i++)
        {
            var resource = state.Resources.Single(r => r.SymbolicName == path.Steps[i].SymbolicName);
            Assert.IsTrue(CriticalPath.Dependencies(resource, names).Contains(path.Steps[i - 1].SymbolicName),
                $"{path.Steps[i].SymbolicName} does not depend on {path.Steps[i - 1].SymbolicName}");
        }
        Assert.AreEqual(path.Steps.Sum(s => s.Time.Minutes), path.TotalMinutes);
        Assert.IsTrue(path.Steps.All(s => !string.IsNullOrWhiteSpace(s.Time.Source)));
        CollectionAssert.Contains(path.Steps.Select(s => s.SymbolicName).ToList(), "postgres", "the database server is the slowest step");
    }

    [TestMethod]
    public void Implicit_references_count_and_quoted_literals_do_not()
    {
        var state = States.Committed("dev");
        var names = state.Resources.Select(r => r.SymbolicName).ToList();
        var backend = CriticalPath.Dependencies(state.Resources.Single(r => r.SymbolicName == "backendApp"), names);
        CollectionAssert.IsSubsetOf(new[] { "appsEnvironment", "registry", "backendIdentity", "jwtSecret" }, backend.ToList());
        // 'registry' appears only as a quoted argument of uniqueString in the registry's own name.
        Assert.AreEqual(0, CriticalPath.Dependencies(state.Resources.Single(r => r.SymbolicName == "registry"), names).Count);
    }

    [TestMethod]
    public void High_availability_makes_the_database_slower()
    {
        var dev = CriticalPath.TimeOf(States.Committed("dev"), States.Committed("dev").Resources.Single(r => r.SymbolicName == "postgres"));
        var prodState = States.Committed("prod");
        var prod = CriticalPath.TimeOf(prodState, prodState.Resources.Single(r => r.SymbolicName == "postgres"));
        Assert.IsTrue(prod.Minutes > dev.Minutes);
        Assert.IsTrue(prod.IsGuess && dev.IsGuess, "no published figure was found, so both are marked as estimates");
    }
}
