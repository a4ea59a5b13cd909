using System.Text.Json.Nodes;
using Provisioning.Environments.Configuration;
using static Provisioning.Cli.Tests.GenerateFixture;

namespace Provisioning.Cli.Tests;

/// <summary>
/// A production environment does not stop being one by an edit of its file alone: the committed state records the
/// tier, and leaving production is refused (exit 2, nothing written) unless acknowledged by name with
/// --allow-tier-change; plan lists every guard rail the change removes.
/// </summary>
[TestClass]
public sealed class GenerateTierChangeTests
{
    private static readonly Action<JsonObject> StagingWithoutLocks = j =>
    {
        j["tier"] = "staging";
        j["locks"] = false;
    };

    private static string Tier(string output, string environment) =>
        (string)JsonNode.Parse(File.ReadAllText(Path.Combine(output, environment, "main.state.json")))!["labels"]!["tier"]!;

    [TestMethod]
    public void The_committed_state_of_every_environment_records_the_tier_its_file_names()
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Provisioning.TestSupport.TestFolders.RepositoryRoot, "env"), "*.json").Where(p => !p.EndsWith(".schema.json", StringComparison.Ordinal)))
        {
            var environment = Path.GetFileNameWithoutExtension(path);
            var tier = (string)JsonNode.Parse(File.ReadAllText(path))!["tier"]!;
            Assert.AreEqual(tier, Tier(Path.Combine(Provisioning.TestSupport.TestFolders.RepositoryRoot, "generated"), environment), environment);
        }
    }

    [TestMethod]
    public void Prod_moved_to_staging_without_locks_is_refused_naming_every_removed_guard_rail_and_writes_nothing()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "prod", StagingWithoutLocks);
        var before = HashTree(output);

        var (exit, stdout, stderr) = Run("--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.InvalidInput, exit, stdout + stderr);
        StringAssert.StartsWith(stderr, "Nothing was generated: 1 problem(s) with the production tier.");
        var line = stderr.Split('\n').Single(l => l.Contains("prod.json: $.tier: ", StringComparison.Ordinal));
        StringAssert.Contains(line, "prod was generated as a production environment");
        StringAssert.Contains(line, "makes it 'staging'");
        StringAssert.Contains(line, "$.locks: production has no delete locks");
        StringAssert.Contains(line, "Fix: set \"tier\": \"production\" again");
        StringAssert.Contains(line, "--allow-tier-change prod");
        CollectionAssert.AreEquivalent(before.ToList(), HashTree(output).ToList(), "generated/ changed although the run was refused");
        Assert.AreEqual(string.Empty, stdout);
    }

    [TestMethod]
    public void Every_guard_rail_the_new_file_lacks_is_named()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "prod", j =>
        {
            StagingWithoutLocks(j);
            j["database"]!["highAvailability"] = false;
            j["keyVault"]!["purgeProtection"] = true;
            j["backend"]!["minReplicas"] = 1;
        });
        var configuration = ConfigurationLoader.Load(Path.Combine(env, "prod.json")).Configuration!;
        var expected = ConfigurationRules.MissingProductionGuardRails(configuration).Select(r => r.JsonPath).ToList();

        var (exit, _, stderr) = Run("--env-dir", env, "--out", output, "-e", "prod");

        Assert.AreEqual(ExitCodes.InvalidInput, exit, stderr);
        CollectionAssert.IsSubsetOf(new[] { "$.locks", "$.database.highAvailability", "$.backend.minReplicas" }, expected);
        foreach (var path in expected)
        {
            StringAssert.Contains(stderr, path + ": ");
        }
        StringAssert.Contains(stderr, $"removes {expected.Count} guard rail(s)");
    }

    [TestMethod]
    public void The_acknowledgement_lets_exactly_that_environment_leave_production_and_the_next_run_needs_none()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "prod", StagingWithoutLocks);

        var (exit, stdout, stderr) = Run("--env-dir", env, "--out", output, "--allow-tier-change", "prod");

        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        StringAssert.Contains(stdout, "prod.json: leaving the production tier acknowledged (production → staging); guard rails removed: $.locks.");
        Assert.AreEqual("staging", Tier(output, "prod"));
        Assert.AreEqual(ExitCodes.Success, Run("--env-dir", env, "--out", output).ExitCode, "once generated, staging is the committed tier");
    }

    [TestMethod]
    public void An_acknowledgement_for_an_environment_that_stays_in_its_tier_is_an_error()
    {
        var (env, output) = CopyRepositoryFolders();

        var (exit, _, stderr) = Run("--env-dir", env, "--out", output, "--allow-tier-change", "dev");

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(stderr, "--allow-tier-change dev: dev does not leave the production tier in this run. Fix: remove --allow-tier-change dev.");
    }

    [TestMethod]
    public void Moving_into_production_or_between_lower_tiers_needs_no_acknowledgement()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "staging", j => j["tier"] = "development");

        var (exit, _, stderr) = Run("--env-dir", env, "--out", output, "-e", "staging");

        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        Assert.AreEqual("development", Tier(output, "staging"));
    }

    [TestMethod]
    public void Check_mode_refuses_too()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "prod", StagingWithoutLocks);

        var (exit, _, stderr) = Run("generate", "--check", "--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(stderr, "prod.json: $.tier: ");
    }

    [TestMethod]
    public void Plan_lists_every_guard_rail_leaving_production_removes()
    {
        var (env, generated) = OperationsCommandRunner.CopyRepository("plan-tier");
        EditEnvironment(env, "prod", StagingWithoutLocks);

        var (exit, stdout, stderr) = OperationsCommandRunner.Run("plan", "-e", "prod", "--env-dir", env, "--generated", generated);
        var json = JsonNode.Parse(OperationsCommandRunner.Run("plan", "-e", "prod", "--env-dir", env, "--generated", generated, "--json").Output)!;

        Assert.AreEqual(ExitCodes.InvalidInput, exit, "generate would refuse it: " + stdout + stderr);
        StringAssert.Contains(stdout, "! leaves the production tier (production → staging); `generate` refuses this unless run with --allow-tier-change prod.");
        StringAssert.Contains(stdout, "      - $.locks: production has no delete locks");
        StringAssert.Contains(stdout, "  - keyVaultLock (Microsoft.Authorization/locks", "the locks themselves are shown going");
        var downgrade = json["environments"]![0]!["tierDowngrade"]!;
        Assert.AreEqual("staging", (string?)downgrade["to"]);
        CollectionAssert.Contains(downgrade["removedGuardRails"]!.AsArray().Select(r => (string?)r!["path"]).ToList(), "$.locks");
    }
}
