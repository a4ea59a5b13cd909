using Provisioning.Environments.Generation;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Generation;

[TestClass]
public sealed class CompilationTests
{
    [TestMethod]
    public void Every_environment_builds_and_lints_with_zero_diagnostics_under_the_strict_config()
    {
        var workspace = GeneratedEnvironments.Get();
        workspace.Build.AssertClean();
        foreach (var env in GeneratedEnvironments.Names)
        {
            foreach (var template in new[] { "main", "bootstrap", "data" })
            {
                Assert.IsTrue(File.Exists(Path.Combine(workspace.Directory, env, template + ".json")), $"{env}/{template}.json was not produced");
                BicepCli.Lint(Path.Combine(workspace.Directory, env, template + ".bicep")).AssertClean();
            }
        }
    }

    [TestMethod]
    [DataRow("dev")]
    [DataRow("staging")]
    [DataRow("prod")]
    public void Snapshot_of_the_parameter_file_succeeds(string env)
    {
        var run = GeneratedEnvironments.Get().SnapshotRuns[env];
        run.AssertClean();
        Assert.IsTrue(GeneratedEnvironments.Get().PredictedResources(env).Count > 20, "the snapshot predicts too few resources");
    }

    [TestMethod]
    public void Snapshot_fails_when_the_vault_of_the_administrator_password_is_not_named()
    {
        var workspace = GeneratedEnvironments.Get();
        var env = GeneratedEnvironments.DeploymentVariables("dev");
        env.Remove("AZURE_KEY_VAULT_NAME");
        var run = BicepCli.Snapshot(Path.Combine(workspace.Directory, "dev", "main.bicepparam"), env);
        Assert.AreNotEqual(0, run.ExitCode, "without the vault's name the deployment stops before anything is created");
        StringAssert.Contains(run.StandardError + run.StandardOutput, "AZURE_KEY_VAULT_NAME");
    }

    [TestMethod]
    public void Committed_generated_folder_matches_a_fresh_generation()
    {
        var result = GenerationRun.Generate(EnvironmentFiles.EnvironmentDirectory);
        var drift = GenerationRun.FindDrift(EnvironmentFiles.GeneratedDirectory, result);
        Assert.AreEqual(0, drift.Count, "regenerate with `dotnet run --project src/Cli` and commit: " + string.Join(", ", drift));
    }

    [TestMethod]
    public void Generating_twice_gives_identical_text()
    {
        var first = GenerationRun.Generate(EnvironmentFiles.EnvironmentDirectory).Files;
        var second = GenerationRun.Generate(EnvironmentFiles.EnvironmentDirectory).Files;
        CollectionAssert.AreEqual(first.Select(f => f.Content).ToList(), second.Select(f => f.Content).ToList());
    }
}
