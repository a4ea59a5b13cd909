using Provisioning.Deployment;
using Provisioning.Local;

namespace Provisioning.EndToEnd.Tests;

/// <summary>
/// Issue 16.5: the local stack follows the deployment's stage list (the same <see cref="DeploymentStages.All"/> the
/// azd hooks and `deploy` run), against the real PostgreSQL, the real bundle and the reference components. Moving the
/// workloads before the migration fails the run, as it fails a first deployment: the backend's readiness needs the
/// role the migration creates.
/// </summary>
[TestClass]
public sealed class StageOrderTests
{
    [TestMethod]
    public async Task Workloads_moved_before_the_migration_fail_the_run_on_the_missing_role()
    {
        var stages = DeploymentStages.All.ToList();
        stages.Remove(DeploymentStages.Workloads);
        stages.Insert(stages.IndexOf(DeploymentStages.Migration), DeploymentStages.Workloads);
        using var progress = new StringWriter();

        var failure = await Assert.ThrowsExactlyAsync<StageFailedException>(() => LocalStack.StartAsync(
            new LocalStackOptions(StackFixture.Paths, StackFixture.BundlePath, "reordered", Progress: progress, Stages: stages)));

        StringAssert.Contains(failure.Message, "local: stage workloads failed: backend did not become ready");
        StringAssert.Contains(failure.Message, "answered 503");
        StringAssert.Contains(failure.Message, "not run: migration, verification");
        StringAssert.Contains(progress.ToString(), "local: stage 6/8 workloads");
    }
}
