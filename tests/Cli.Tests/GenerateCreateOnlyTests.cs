using System.Text.Json.Nodes;
using static Provisioning.Cli.Tests.GenerateFixture;

namespace Provisioning.Cli.Tests;

/// <summary>
/// The create-only guard through the generate command: an environment edit that would change a create-only property of
/// a resource already in the committed generated/ is refused (exit 2, the refusal on stderr, nothing written), unless
/// acknowledged with --allow-recreate.
/// </summary>
[TestClass]
public sealed class GenerateCreateOnlyTests
{
    private static readonly Action<JsonObject> MakeDevPrivate = j =>
        j["network"] = new JsonObject { ["isolation"] = "private", ["addressSpace"] = "10.41.0.0/16", ["zoneRedundant"] = true };

    /// <summary>One case per create-only property an environment file can drive: (name, environment, edit, resource, property, old value, start of new value).</summary>
    public static IEnumerable<object[]> Cases() =>
    [
        ["Key Vault soft-delete retention", "staging", (Action<JsonObject>)(j => j["keyVault"]!["softDeleteRetentionDays"] = 60), "keyVault", "properties.softDeleteRetentionInDays", "30", "60"],
        ["PostgreSQL geo-redundant backup", "dev", (Action<JsonObject>)(j => j["database"]!["geoRedundantBackup"] = true), "postgres", "properties.backup.geoRedundantBackup", "\"Disabled\"", "\"Enabled\""],
        ["PostgreSQL storage shrink", "staging", (Action<JsonObject>)(j => j["database"]!["storageSizeGB"] = 32), "postgres", "properties.storage.storageSizeGB", "64", "32"],
        ["PostgreSQL VNet integration", "dev", MakeDevPrivate, "postgres", "properties.network.delegatedSubnetResourceId", "(not set)", "vnet"],
        ["Container Apps environment VNet", "dev", MakeDevPrivate, "appsEnvironment", "properties.vnetConfiguration.infrastructureSubnetId", "(not set)", "vnet"],
        ["Container Apps environment zone redundancy", "dev", MakeDevPrivate, "appsEnvironment", "properties.zoneRedundant", "false", "true"],
    ];

    public static string CaseName(System.Reflection.MethodInfo method, object[] data) => (string)data[0];

    [TestMethod]
    [DynamicData(nameof(Cases), DynamicDataDisplayName = nameof(CaseName))]
    public void Create_only_change_exits_2_names_resource_property_values_and_way_out_and_writes_nothing(
        string name, string environment, Action<JsonObject> edit, string symbol, string path, string oldValue, string newValueStart)
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, environment, edit);
        var before = HashTree(output);

        var (exit, stdout, stderr) = Run("--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.InvalidInput, exit, $"{name}: {stdout}{stderr}");
        StringAssert.StartsWith(stderr, "Nothing was generated: ", name);
        var line = RefusalLine(stderr, environment, symbol, path);
        Assert.IsNotNull(line, $"{name}: no refusal of {symbol} {path} in:\n{stderr}");
        StringAssert.Contains(line, $"it is {oldValue} in the committed state and would become {newValueStart}", name);
        StringAssert.Contains(line, "(Source: ", name);
        StringAssert.Contains(line, "give the resource a new name", name);
        StringAssert.Contains(line, $"--allow-recreate {symbol} to acknowledge", name);
        CollectionAssert.AreEquivalent(before.ToList(), HashTree(output).ToList(), $"{name}: generated/ changed although the run was refused");
        Assert.AreEqual(string.Empty, stdout, name);
    }

    [TestMethod]
    public void Refusal_message_says_what_recreating_costs_for_the_data()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "dev", j => j["database"]!["geoRedundantBackup"] = true);
        EditEnvironment(env, "staging", j => j["keyVault"]!["softDeleteRetentionDays"] = 60);

        var (exit, _, stderr) = Run("--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(RefusalLine(stderr, "dev", "postgres", "properties.backup.geoRedundantBackup"), "deletes every database on it");
        var vault = RefusalLine(stderr, "staging", "keyVault", "properties.softDeleteRetentionInDays");
        StringAssert.Contains(vault, "every secret");
        StringAssert.Contains(vault, "soft-deleted");
        StringAssert.Contains(stderr, "Nothing was generated: 2 problem(s)", "every refusal of every environment is listed at once");
    }

    [TestMethod]
    public void Purge_protection_may_be_turned_on_but_not_off_again()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "dev", j => j["keyVault"]!["purgeProtection"] = true);

        var on = Run("--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.Success, on.ExitCode, on.Error);
        Assert.AreEqual(true, (bool?)StateValue(output, "dev", "keyVault", "properties", "enablePurgeProtection"));

        EditEnvironment(env, "dev", j => j["keyVault"]!["purgeProtection"] = false);
        var before = HashTree(output);
        var (exit, _, stderr) = Run("--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.InvalidInput, exit, stderr);
        var line = RefusalLine(stderr, "dev", "keyVault", "properties.enablePurgeProtection");
        Assert.IsNotNull(line, stderr);
        StringAssert.Contains(line, "changes only false → true once the resource exists");
        StringAssert.Contains(line, "it is true in the committed state and would become false");
        CollectionAssert.AreEquivalent(before.ToList(), HashTree(output).ToList());
    }

    [TestMethod]
    public void Unchanged_environments_regenerate_without_refusal_to_the_same_bytes()
    {
        var (env, output) = CopyRepositoryFolders();
        var before = HashTree(output);

        var (exit, _, stderr) = Run("--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        Assert.AreEqual(string.Empty, stderr);
        CollectionAssert.AreEquivalent(before.ToList(), HashTree(output).ToList());
    }

    [TestMethod]
    public void Allow_recreate_lets_exactly_the_named_resource_through()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "dev", j => j["database"]!["geoRedundantBackup"] = true);
        EditEnvironment(env, "dev", j => j["keyVault"]!["softDeleteRetentionDays"] = 30);
        var before = HashTree(output);

        var (exit, stdout, stderr) = Run("--env-dir", env, "--out", output, "--allow-recreate", "postgres");

        Assert.AreEqual(ExitCodes.InvalidInput, exit, stdout + stderr);
        Assert.IsNotNull(RefusalLine(stderr, "dev", "keyVault", "properties.softDeleteRetentionInDays"), stderr);
        Assert.IsNull(RefusalLine(stderr, "dev", "postgres", "properties.backup.geoRedundantBackup"), "postgres was acknowledged");
        CollectionAssert.AreEquivalent(before.ToList(), HashTree(output).ToList());

        var both = Run("--env-dir", env, "--out", output, "--allow-recreate", "postgres", "--allow-recreate", "keyVault");

        Assert.AreEqual(ExitCodes.Success, both.ExitCode, both.Error);
        StringAssert.Contains(both.Output, "re-creation acknowledged for properties.backup.geoRedundantBackup (\"Disabled\" → \"Enabled\") of 'postgres' (");
        StringAssert.Contains(both.Output, "re-creation acknowledged for properties.softDeleteRetentionInDays (7 → 30) of 'keyVault' (");
        Assert.AreEqual("Enabled", (string?)StateValue(output, "dev", "postgres", "properties", "backup", "geoRedundantBackup"));
        Assert.AreEqual(ExitCodes.Success, Run("--env-dir", env, "--out", output).ExitCode, "once generated, the new state is the committed one");
    }

    [TestMethod]
    public void Allow_recreate_of_a_resource_without_a_create_only_change_is_an_error_naming_the_candidates()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "dev", j => j["database"]!["geoRedundantBackup"] = true);

        var (exit, _, stderr) = Run("--env-dir", env, "--out", output, "--allow-recreate", "postgress");
        var clean = CopyRepositoryFolders();
        var nothing = Run("--env-dir", clean.Env, "--out", clean.Out, "--allow-recreate", "keyVault");

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(stderr, "--allow-recreate postgress: 'postgress' is not a resource with a create-only change in this run. Fix: use one of postgres, dev:all.");
        Assert.IsNotNull(RefusalLine(stderr, "dev", "postgres", "properties.backup.geoRedundantBackup"), "the misspelt name acknowledges nothing");
        Assert.AreEqual(ExitCodes.InvalidInput, nothing.ExitCode);
        StringAssert.Contains(nothing.Error, "--allow-recreate keyVault: no resource has a create-only change in this run");
    }

    [TestMethod]
    public void Check_mode_reports_refusals_and_writes_nothing()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "dev", j => j["database"]!["geoRedundantBackup"] = true);
        var before = HashTree(output);

        var (exit, _, stderr) = Run("generate", "--check", "--env-dir", env, "--out", output);

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        Assert.IsNotNull(RefusalLine(stderr, "dev", "postgres", "properties.backup.geoRedundantBackup"), stderr);
        CollectionAssert.AreEquivalent(before.ToList(), HashTree(output).ToList());
    }

    [TestMethod]
    public void State_files_are_byte_identical_across_runs_and_equal_the_committed_ones()
    {
        var (env, _) = CopyRepositoryFolders();
        var first = Path.Combine(Path.GetDirectoryName(env)!, "first");
        var second = Path.Combine(Path.GetDirectoryName(env)!, "second");

        Assert.AreEqual(ExitCodes.Success, Run("--env-dir", env, "--out", first).ExitCode);
        Assert.AreEqual(ExitCodes.Success, Run("--env-dir", env, "--out", second).ExitCode);

        foreach (var environment in new[] { "dev", "staging", "prod" })
        {
            var state = Path.Combine(environment, "main.state.json");
            var bytes = File.ReadAllBytes(Path.Combine(first, state));
            CollectionAssert.AreEqual(bytes, File.ReadAllBytes(Path.Combine(second, state)), state);
            CollectionAssert.AreEqual(bytes, File.ReadAllBytes(Path.Combine(Provisioning.TestSupport.TestFolders.RepositoryRoot, "generated", state)), $"committed {state} is stale");
        }
        Assert.AreEqual(ExitCodes.Success, Run("generate", "--check", "--env-dir", env, "--out", first).ExitCode);
    }
}
