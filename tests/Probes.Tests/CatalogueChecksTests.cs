using System.Runtime.CompilerServices;
using Provisioning.Probes.Platform;

namespace Provisioning.Probes.Tests;

/// <summary>The catalogue says which checks exist; the probe implements each of them exactly once, and no other.</summary>
[TestClass]
public sealed class CatalogueChecksTests
{
    [TestMethod]
    public void Every_catalogue_check_has_exactly_one_implementation_and_every_implementation_a_catalogue_check()
    {
        // Every concrete check type of the probe, whether registered or not: a check written but never put in the
        // catalogue, or implemented twice, fails here. The names are constant-bodied, so no constructor is needed.
        var implemented = typeof(IProbeCheck).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IProbeCheck).IsAssignableFrom(t))
            .Select(t => ((IProbeCheck)RuntimeHelpers.GetUninitializedObject(t)).Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        CollectionAssert.AreEqual(TodoSystem.Description.Checks.Select(c => c.Name).Order(StringComparer.Ordinal).ToList(), implemented);
    }

    [TestMethod]
    public void The_probe_runs_the_catalogue_checks_in_the_catalogue_order()
    {
        var platform = TodoSystem.Description.Checks.Where(c => c.Component == CheckComponents.Platform).Select(c => c.Name);
        var targets = new PlatformTargets("rg", "job", ["app"]);
        var withPlatform = PlatformChecks.Create(new NeverRead(), targets).Select(c => c.Name);

        CollectionAssert.AreEqual(TodoSystem.Description.Checks.Select(c => c.Name).ToList(), StandardChecks.Names.Concat(withPlatform).ToList());
        CollectionAssert.AreEqual(platform.ToList(), withPlatform.ToList());
    }

    [TestMethod]
    public void Each_check_reports_under_its_catalogue_component_and_runs_under_its_contract_time_limit()
    {
        var settings = Probe.DatabaseOnlySettings("Host=127.0.0.1;Port=9", TimeSpan.FromSeconds(1)) with { CheckTimeout = null };
        foreach (var check in StandardChecks.Create())
        {
            var spec = TodoSystem.Description.Check(check.Name);
            Assert.AreEqual(spec.Component, check.Component, check.Name);
            Assert.AreEqual(spec.TimeLimit, settings.TimeLimit(check), check.Name);
        }
        var overridden = settings with { CheckTimeout = TimeSpan.FromSeconds(3) };
        Assert.AreEqual(TimeSpan.FromSeconds(3), overridden.TimeLimit(StandardChecks.Create()[0]), "the operator's PROBE_CHECK_TIMEOUT_SECONDS wins");
    }

    /// <summary>Only names are read in these tests: a reader that would fail loudly if a check ran.</summary>
    private sealed class NeverRead : IPlatformReader
    {
        public Task<EnvironmentDeployment?> GetLatestEnvironmentDeploymentAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<DateTimeOffset?> GetJobLastModifiedAsync(string jobName, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<JobExecution>> GetJobExecutionsAsync(string jobName, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<AppRevision>> GetRevisionsAsync(string appName, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
