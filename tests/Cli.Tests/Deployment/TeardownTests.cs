using System.Text.RegularExpressions;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests.Deployment;

/// <summary>
/// Issue 16.7: `azd down` (its predown hook) goes ahead for a non-production environment and is refused for a
/// production-tier one until its locks are removed by the named command; both say what the Key Vault leaves behind.
/// </summary>
[TestClass]
public sealed class TeardownTests
{
    private const string Prefix = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-todo-prod/providers/";
    private const string Lock = Prefix + "Microsoft.DBforPostgreSQL/flexibleServers/psql-todo-prod/providers/Microsoft.Authorization/locks/do-not-delete";
    private const string VaultLock = Prefix + "Microsoft.KeyVault/vaults/kv-todo-prod/providers/Microsoft.Authorization/locks/do-not-delete";
    private const string ForeignLock = Prefix + "Microsoft.Storage/storageAccounts/stauditprod/providers/Microsoft.Authorization/locks/audit-hold";

    [TestMethod]
    public void Azd_down_of_a_non_production_environment_goes_ahead_and_says_what_the_vault_keeps()
    {
        var azure = new AzureStandIn();

        var (exit, output, error) = azure.Hook("predown.sh", AzureStandIn.PersonGiven("dev"));

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, $"dev is not production-tier; azd down may delete resource group {AzureStandIn.Group}");
        StringAssert.Contains(output, "stays soft-deleted for 7 days");
        StringAssert.Contains(output, "azd down --purge");
        Assert.IsEmpty(azure.Calls, "nothing to ask Azure for a non-production environment");
    }

    [TestMethod]
    public void Production_is_refused_while_locked_and_goes_only_after_the_named_unlock()
    {
        var azure = new AzureStandIn();
        azure.SetAnswer("locks", Lock + "\n");
        var values = AzureStandIn.PersonGiven("prod");

        var (exit, output, error) = azure.Hook("predown.sh", values);
        Assert.AreEqual(ExitCodes.CheckFailed, exit, output + error);
        StringAssert.Contains(error, $"refused: prod is production-tier and resource group {AzureStandIn.Group} holds 1 management lock(s)");
        StringAssert.Contains(error, "teardown unlock -e prod --confirm prod");
        StringAssert.Contains(output, "purge protection");
        StringAssert.Contains(output, "cannot be purged");

        (exit, _, error) = azure.Cli(values, "teardown", "unlock", "-e", "prod");
        Assert.AreEqual(ExitCodes.InvalidInput, exit, error);
        StringAssert.Contains(error, "nothing was unlocked: pass --confirm prod");
        Assert.IsFalse(azure.Calls.Any(c => c.Call.StartsWith("lock delete", StringComparison.Ordinal)));

        (exit, output, error) = azure.Cli(values, "teardown", "unlock", "-e", "prod", "--confirm", "prod");
        Assert.AreEqual(0, exit, output + error);
        CollectionAssert.Contains(azure.Calls.Select(c => c.Call).ToList(), $"lock delete --ids {Lock}");

        (exit, output, error) = azure.Hook("predown.sh", values);
        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "its locks were removed");
    }

    /// <summary>
    /// A lock someone else set is not the tool's to remove: unlock names it and deletes nothing (not even its own locks,
    /// which would leave the data unprotected while azd down stays refused) unless --all-locks says so.
    /// </summary>
    [TestMethod]
    public void A_lock_the_templates_do_not_declare_stops_unlock_before_anything_is_deleted_unless_all_locks_is_given()
    {
        var azure = new AzureStandIn();
        azure.SetAnswer("locks", $"{Lock}\n{VaultLock}\n{ForeignLock}\n");
        var values = AzureStandIn.PersonGiven("prod");

        var (exit, output, error) = azure.Hook("predown.sh", values);
        Assert.AreEqual(ExitCodes.CheckFailed, exit, output + error);
        StringAssert.Contains(error, "holds 3 management lock(s)");
        StringAssert.Contains(error, $"{ForeignLock} (not declared by this repository's templates)");
        StringAssert.Contains(error, $"{Lock}{Environment.NewLine}");

        (exit, output, error) = azure.Cli(values, "teardown", "unlock", "-e", "prod", "--confirm", "prod");
        Assert.AreEqual(ExitCodes.CheckFailed, exit, output + error);
        StringAssert.Contains(error, $"nothing was unlocked: {AzureStandIn.Group} holds 1 lock(s) the templates do not declare");
        StringAssert.Contains(error, ForeignLock);
        StringAssert.Contains(error, "teardown unlock -e prod --confirm prod --all-locks");
        Assert.IsFalse(azure.Calls.Any(c => c.Call.StartsWith("lock delete", StringComparison.Ordinal)), "nothing deleted, not even the declared locks");

        (exit, output, error) = azure.Cli(values, "teardown", "unlock", "-e", "prod", "--confirm", "prod", "--all-locks");
        Assert.AreEqual(0, exit, output + error);
        var deleted = azure.Calls.Select(c => c.Call).Where(c => c.StartsWith("lock delete", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEquivalent(new[] { $"lock delete --ids {Lock}", $"lock delete --ids {VaultLock}", $"lock delete --ids {ForeignLock}" }, deleted);

        (exit, output, error) = azure.Hook("predown.sh", values);
        Assert.AreEqual(0, exit, output + error);
    }

    /// <summary>Unlock tells its own locks by name: every lock the generated templates declare must carry that name, or unlock would call it foreign.</summary>
    [TestMethod]
    public void Every_lock_the_generated_templates_declare_is_one_unlock_recognises()
    {
        var names = Directory.EnumerateFiles(Path.Combine(TestFolders.RepositoryRoot, "generated"), "*.bicep", SearchOption.AllDirectories)
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"'Microsoft\.Authorization/locks@[^']+' = \{\s*scope: \w+\s*name: '(?<name>[^']+)'")
                .Select(m => (File: Path.GetRelativePath(TestFolders.RepositoryRoot, file), Name: m.Groups["name"].Value)))
            .ToList();

        Assert.IsNotEmpty(names, "prod's templates declare locks; none found means this scan is broken");
        foreach (var (file, name) in names)
        {
            Assert.IsTrue(DeploymentLocks.IsDeclared($"{Prefix}Microsoft.KeyVault/vaults/kv/providers/Microsoft.Authorization/locks/{name}"), $"{file}: lock '{name}'");
        }
    }
}
