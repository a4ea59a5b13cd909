using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Deployment;

/// <summary>
/// The images built from this repository build from what their build context holds: each Dockerfile's build stage
/// runs without Docker (<see cref="DockerfileBuild"/>) on the context its .dockerignore lets through, and the result
/// starts. A COPY line that misses a project the build needs (the probe's image once lacked src/Catalogue) or a step
/// that only works on a tree with build outputs (the bundle once needed obj/) fails here instead of in a registry.
/// </summary>
[TestClass]
public sealed class DockerfileBuildTests
{
    private static readonly TimeSpan StepBudget = TimeSpan.FromMinutes(8);

    [TestMethod]
    public void The_migrate_image_builds_from_its_context_and_the_bundle_starts()
    {
        using var build = new DockerfileBuild(TestFolders.RepositoryRoot, "src/Database/Dockerfile");

        var (exit, output) = build.Run(StepBudget);

        Assert.AreEqual(0, exit, output);
        AssertContextHoldsNoBuildOutputOrHistory(build);
        var bundle = build.Artifacts.Single();
        var (helpExit, help) = Start(bundle, "--help");
        Assert.AreEqual(0, helpExit, help);
        StringAssert.Contains(help, "--connection", "the EF Core bundle's own help");
    }

    [TestMethod]
    public void The_probe_image_builds_from_its_context_with_the_function_and_its_metadata()
    {
        using var build = new DockerfileBuild(TestFolders.RepositoryRoot, "functions/HealthProbe/Dockerfile");

        var (exit, output) = build.Run(StepBudget);

        Assert.AreEqual(0, exit, output);
        AssertContextHoldsNoBuildOutputOrHistory(build);
        var site = build.Artifacts.Single();
        // The Functions host loads the worker from these; it cannot run here (no host), the worker's files can be checked.
        Assert.IsTrue(File.Exists(Path.Combine(site, "Provisioning.HealthProbe.dll")), "the worker assembly is published");
        Assert.IsTrue(File.Exists(Path.Combine(site, "functions.metadata")), "the host finds the timer function through functions.metadata");
        Assert.IsTrue(File.Exists(Path.Combine(site, "Provisioning.Catalogue.dll")), "the catalogue the probe reads is in the image");
        Assert.IsFalse(build.Context.Any(f => f.StartsWith("tests/", StringComparison.Ordinal) || f.StartsWith("generated/", StringComparison.Ordinal)),
            "the repository-rooted context leaves out what no COPY line needs");
    }

    private static void AssertContextHoldsNoBuildOutputOrHistory(DockerfileBuild build)
    {
        var leaked = build.Context.Where(f => f.StartsWith(".git/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal)
            || f.Contains("/obj/", StringComparison.Ordinal) || f.Contains("node_modules/", StringComparison.Ordinal)).Take(5).ToList();
        Assert.AreEqual(0, leaked.Count, "the build context uploads: " + string.Join(", ", leaked));
        Assert.IsTrue(build.Copied.Count > 0, "the stage copied something");
    }

    private static (int ExitCode, string Output) Start(string file, string argument)
    {
        var (exit, output, error) = ChildRun.Run(file, [argument], TimeSpan.FromMinutes(1));
        return (exit, output + error);
    }
}
