namespace Provisioning.Cli.Tests.Deployment;

/// <summary>
/// Issue 16.7: `azd down` (its predown hook) goes ahead for a non-production environment and is refused for a
/// production-tier one until its locks are removed by the named command; both say what the Key Vault leaves behind.
/// </summary>
[TestClass]
public sealed class TeardownTests
{
    private const string Lock = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-todo-prod/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-todo-prod/providers/Microsoft.Authorization/locks/postgres-no-delete";

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
}
