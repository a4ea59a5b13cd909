using Provisioning.Bicep.Syntax;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;
using Provisioning.Environments.Todo;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Generation;

/// <summary>
/// A check's alert rule is named after the check, not after its position: adding or removing a check renames no other
/// rule, so plan shows exactly the rule that comes or goes.
/// </summary>
[TestClass]
public sealed class AlertSymbolTests
{
    private static EnvironmentConfiguration Dev() =>
        ConfigurationLoader.Load(Path.Combine(TestFolders.RepositoryRoot, "env", "dev.json")).Configuration!;

    private static Dictionary<string, string> RuleSymbolsByName(SystemDescription system) =>
        TodoTemplate.Build(Dev(), system).Statements.OfType<ResourceStatement>()
            .Where(r => r.Type == "Microsoft.Insights/scheduledQueryRules")
            .ToDictionary(r => r.Name, r => Bicep.Writing.BicepWriter.Write(r.Body.Properties.Single(p => p.Name == "name").Value));

    [TestMethod]
    public void Each_check_rule_is_named_after_its_check()
    {
        var symbols = RuleSymbolsByName(TodoSystem.Description).Keys.ToHashSet(StringComparer.Ordinal);

        foreach (var check in TodoSystem.Description.Checks)
        {
            CollectionAssert.Contains(symbols.ToList(), TodoTemplate.CheckAlertSymbol(check.Name), check.Name);
        }
        Assert.AreEqual("alertBackendAuthRejects", TodoTemplate.CheckAlertSymbol("backend.auth-rejects"));
    }

    [TestMethod]
    public void Removing_the_first_check_leaves_every_other_rule_as_it_was()
    {
        var all = RuleSymbolsByName(TodoSystem.Description);
        var fewer = RuleSymbolsByName(TodoSystem.Description with { Checks = [.. TodoSystem.Description.Checks.Skip(1)] });

        Assert.AreEqual(all.Count - 1, fewer.Count);
        foreach (var (symbol, name) in fewer)
        {
            Assert.AreEqual(all[symbol], name, $"{symbol} kept its symbol and its Azure name");
        }
    }
}
