using System.Text.Json.Nodes;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests;

/// <summary>The generate command as people run it: exit codes, messages, and what it does (and does not do) to the output folder.</summary>
[TestClass]
public sealed class GenerateCommandTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args) => GenerateFixture.Run(args);

    private static (string Env, string Out) CopyRepositoryFolders() => GenerateFixture.CopyRepositoryFolders();

    private static Dictionary<string, string> HashTree(string dir) => GenerateFixture.HashTree(dir);

    private static void EditEnvironment(string envDir, string name, Action<JsonObject> edit) => GenerateFixture.EditEnvironment(envDir, name, edit);

    [TestMethod]
    public void Invalid_configuration_exits_2_lists_every_problem_and_leaves_generated_byte_identical()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "staging", j => j["database"]!["highAvailability"] = true);
        EditEnvironment(env, "staging", j => j["database"]!["tier"] = "Burstable");
        EditEnvironment(env, "dev", j => j["images"]!["backend"] = "todo-backend:latest");
        var before = HashTree(output);

        var (exit, stdout, stderr) = Run("generate", "--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.InvalidInput, exit, stdout + stderr);
        StringAssert.Contains(stderr, "Nothing was generated: 3 problem(s)");
        StringAssert.Contains(stderr, "staging.json: $.database.highAvailability: high availability is not offered on the Burstable tier.");
        StringAssert.Contains(stderr, "staging.json: $.database.skuName:");
        StringAssert.Contains(stderr, "dev.json: $.images.backend:");
        CollectionAssert.AreEquivalent(before.ToList(), HashTree(output).ToList(), "generated/ changed although the run failed");
        Assert.AreEqual(string.Empty, stdout);
    }

    [TestMethod]
    public void Valid_run_writes_every_environment_and_leaves_no_staging_folders()
    {
        var (env, _) = CopyRepositoryFolders();
        var output = Path.Combine(Path.GetDirectoryName(env)!, "fresh-output");

        var (exit, stdout, stderr) = Run("--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        CollectionAssert.AreEquivalent(new[] { "dev", "prod", "staging" }, Directory.GetDirectories(output).Select(Path.GetFileName).ToArray());
        foreach (var environment in new[] { "dev", "staging", "prod" })
        {
            StringAssert.Contains(stdout, $"{environment}: 8 files written");
            CollectionAssert.AreEquivalent(new[] { "README.md", "bootstrap.bicep", "bootstrap.bicepparam", "data.bicep", "data.bicepparam", "main.bicep", "main.bicepparam", "main.state.json" },
                Directory.GetFiles(Path.Combine(output, environment)).Select(Path.GetFileName).ToArray());
        }
    }

    [TestMethod]
    public void Changing_one_environment_changes_only_that_environments_output()
    {
        var (env, output) = CopyRepositoryFolders();
        var before = HashTree(output);
        EditEnvironment(env, "staging", j => j["backend"]!["maxReplicas"] = 7);

        var (exit, _, stderr) = Run("--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        var after = HashTree(output);
        var changed = after.Where(kv => before[kv.Key] != kv.Value).Select(kv => kv.Key.Replace('\\', '/')).ToList();
        Assert.IsTrue(changed.Count > 0, "the edit changed nothing");
        Assert.IsTrue(changed.All(f => f.StartsWith("staging/", StringComparison.Ordinal)), "changed: " + string.Join(", ", changed));
        StringAssert.Contains(File.ReadAllText(Path.Combine(output, "staging", "main.bicep")), "maxReplicas: 7");
    }

    [TestMethod]
    public void Check_mode_reports_drift_with_exit_1_and_writes_nothing()
    {
        var (env, output) = CopyRepositoryFolders();
        Assert.AreEqual(ExitCodes.Success, Run("generate", "--check", "--env-dir", env, "--out", output).ExitCode, "the committed output should be current");
        EditEnvironment(env, "dev", j => j["frontend"]!["maxReplicas"] = 5);
        var before = HashTree(output);

        var (exit, _, stderr) = Run("generate", "--check", "--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.CheckFailed, exit);
        StringAssert.Contains(stderr, "dev/main.bicep");
        Assert.IsFalse(stderr.Contains("prod/", StringComparison.Ordinal), stderr);
        CollectionAssert.AreEquivalent(before.ToList(), HashTree(output).ToList());
    }

    /// <summary>In a repository (Provisioning.sln beside generated/), azure.yaml's services follow the catalogue like generated/ does.</summary>
    [TestMethod]
    public void Check_mode_reports_a_stale_azure_yaml_and_a_run_rewrites_only_its_services()
    {
        var (env, output) = CopyRepositoryFolders();
        var root = Path.GetDirectoryName(env)!;
        File.WriteAllText(Path.Combine(root, "Provisioning.sln"), string.Empty);
        var committed = File.ReadAllText(Path.Combine(TestFolders.RepositoryRoot, "azure.yaml"));
        // The state before this change: azd deploying an app itself (with Docker).
        var section = committed.IndexOf("\n# services:", StringComparison.Ordinal) + 1;
        var stale = committed[..section] + "services:\n  mcp:\n    host: containerapp\n    image: ${MCP_SOURCE_IMAGE}\n" + committed[committed.IndexOf("\nhooks:", StringComparison.Ordinal)..].TrimStart('\n');
        Assert.AreNotEqual(committed, stale, "the test adds an mcp service azd would deploy");
        File.WriteAllText(Path.Combine(root, "azure.yaml"), stale);

        var (exit, _, stderr) = Run("generate", "--check", "--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.CheckFailed, exit, stderr);
        StringAssert.Contains(stderr, "../azure.yaml");
        Assert.AreEqual(stale, File.ReadAllText(Path.Combine(root, "azure.yaml")), "--check writes nothing");

        var (written, stdout, error) = Run("generate", "--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.Success, written, error);
        StringAssert.Contains(stdout, "azure.yaml: written");
        Assert.AreEqual(committed, File.ReadAllText(Path.Combine(root, "azure.yaml")));
        Assert.AreEqual(ExitCodes.Success, Run("generate", "--check", "--env-dir", env, "--out", output).ExitCode);
    }

    [TestMethod]
    public void An_azure_yaml_without_services_exits_2_names_the_fix_and_writes_nothing()
    {
        var (env, output) = CopyRepositoryFolders();
        var root = Path.GetDirectoryName(env)!;
        File.WriteAllText(Path.Combine(root, "Provisioning.sln"), string.Empty);
        File.WriteAllText(Path.Combine(root, "azure.yaml"), "name: todo-chatbot\nhooks: {}\n");
        EditEnvironment(env, "dev", j => j["frontend"]!["maxReplicas"] = 5);
        var before = HashTree(output);

        var (exit, _, stderr) = Run("generate", "--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.InvalidInput, exit, stderr);
        StringAssert.Contains(stderr, "azure.yaml: $.services:");
        StringAssert.Contains(stderr, "Fix: add the line 'services:'");
        CollectionAssert.AreEquivalent(before.ToList(), HashTree(output).ToList(), "generated/ changed although the run failed");
        Assert.AreEqual("name: todo-chatbot\nhooks: {}\n", File.ReadAllText(Path.Combine(root, "azure.yaml")));
    }

    [TestMethod]
    public void Unknown_environment_name_exits_2_and_names_the_known_ones()
    {
        var (env, output) = CopyRepositoryFolders();

        var (exit, _, stderr) = Run("generate", "-e", "qa", "--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(stderr, "there is no environment named 'qa'");
        StringAssert.Contains(stderr, "dev, prod, staging");
    }

    [TestMethod]
    public void Help_describes_the_default_command_and_its_options()
    {
        var (exit, stdout, _) = Run("--help");

        Assert.AreEqual(0, exit);
        StringAssert.Contains(stdout, "Generates the Bicep for every environment");
        StringAssert.Contains(stdout, "--env-dir");
        StringAssert.Contains(stdout, "--check");
        StringAssert.Contains(stdout, "--allow-recreate");
    }
}
