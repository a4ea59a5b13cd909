using CsCheck;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Validation;
using Provisioning.Bicep.Writing;

namespace Provisioning.Bicep.Tests.Naming;

[TestClass]
public sealed class ResourceNamesTests
{
    private static string Printed(BicepValue<string> name) => BicepWriter.Write(name.ToExpression());

    [TestMethod]
    public void Storage_name_has_no_hyphens_is_lowercase_and_fits_24_with_uniqueString()
    {
        var storage = TestResource.StorageAccount("storage", BicepValue<string>.Unset).WithGeneratedName("Todo App", "prod");

        Assert.AreEqual("'sttodoaprod${uniqueString(resourceGroup().id, 'storage')}'", Printed(storage.Name));
        var estimate = NameEstimate.Of(storage.Name.ToExpression());
        Assert.AreEqual(24, estimate.Length);
        Assert.IsTrue(TestRules.Storage.IsValid(estimate.Sample), estimate.Sample);
    }

    [TestMethod]
    public void Key_vault_name_keeps_the_environment_and_fits_24()
    {
        var name = ResourceNames.Create("Microsoft.KeyVault/vaults", TestRules.KeyVault, "kv", "vault", ["todo", "dev"]);

        Assert.AreEqual("'kv-tod-dev-${uniqueString(resourceGroup().id, 'vault')}'", Printed(name));
        Assert.AreEqual(24, NameEstimate.Of(name.ToExpression()).Length);
    }

    [TestMethod]
    public void Uniqueness_seed_is_the_identifier_so_two_vaults_differ()
    {
        var first = ResourceNames.Create("Microsoft.KeyVault/vaults", TestRules.KeyVault, "kv", "appVault", ["todo"]);
        var second = ResourceNames.Create("Microsoft.KeyVault/vaults", TestRules.KeyVault, "kv", "probeVault", ["todo"]);

        Assert.AreNotEqual(Printed(first), Printed(second));
        Assert.Contains("'appVault')", Printed(first));
    }

    [TestMethod]
    public void Resource_group_scoped_names_stay_readable_literals()
    {
        var name = ResourceNames.Create("Microsoft.App/containerApps", TestRules.ContainerApp, ResourceAbbreviations.For("Microsoft.App/containerApps"), "backend", ["Todo", "Back_End", "dev"]);

        Assert.AreEqual(BicepValueKind.Literal, name.Kind);
        Assert.AreEqual("ca-todo-back-end-dev", name.Literal);
    }

    [TestMethod]
    public void Unique_suffix_can_be_forced_or_suppressed()
    {
        var always = ResourceNames.Create("Microsoft.App/containerApps", TestRules.ContainerApp, "ca", "api", ["todo"], UniqueSuffix.Always);
        var never = ResourceNames.Create("Microsoft.KeyVault/vaults", TestRules.KeyVault, "kv", "vault", ["todo"], UniqueSuffix.Never);

        Assert.AreEqual("'ca-todo-${uniqueString(resourceGroup().id, 'api')}'", Printed(always));
        Assert.AreEqual("kv-todo", never.Literal);
    }

    [TestMethod]
    public void Lowercasing_ignores_the_current_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
            var name = ResourceNames.Create("Microsoft.App/containerApps", TestRules.ContainerApp, "ca", "api", ["INFRA", "İ"]);
            Assert.AreEqual("ca-infra", name.Literal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [TestMethod]
    public void Abbreviations_follow_the_cloud_adoption_framework()
    {
        Assert.AreEqual("kv", ResourceAbbreviations.For("Microsoft.KeyVault/vaults"));
        Assert.AreEqual("st", ResourceAbbreviations.For("Microsoft.Storage/storageAccounts"));
        Assert.AreEqual("cae", ResourceAbbreviations.For("Microsoft.App/managedEnvironments"));
        Assert.AreEqual("psql", ResourceAbbreviations.For("microsoft.dbforpostgresql/flexibleservers"));
        var exception = Assert.ThrowsExactly<ArgumentException>(() => ResourceAbbreviations.For("Microsoft.Example/things"));
        Assert.Contains("No CAF abbreviation is known for 'Microsoft.Example/things'", exception.Message);
    }

    [TestMethod]
    public void Type_without_a_naming_rule_is_refused()
    {
        var thing = new TestResource("thing", "Microsoft.App/containerApps", "2025-01-01", null);
        var exception = Assert.ThrowsExactly<ArgumentException>(() => thing.WithGeneratedName("todo"));
        Assert.Contains("declares no naming rule", exception.Message);
    }

    [TestMethod]
    public void Impossible_name_is_refused_with_the_rule_broken()
    {
        // A key vault name must start with a letter; with no abbreviation and no parts it would start with uniqueString().
        var exception = Assert.ThrowsExactly<ArgumentException>(() =>
            ResourceNames.Create("Microsoft.KeyVault/vaults", TestRules.KeyVault, "", "vault", []));
        Assert.Contains("No valid Microsoft.KeyVault/vaults name can be made for 'vault'", exception.Message);
        Assert.Contains("start with a letter", exception.Message);
    }

    [TestMethod]
    public void Any_parts_give_a_name_that_passes_the_rule()
    {
        var rules = new (string Type, NamingRule Rule)[]
        {
            ("Microsoft.Storage/storageAccounts", TestRules.Storage),
            ("Microsoft.KeyVault/vaults", TestRules.KeyVault),
            ("Microsoft.App/containerApps", TestRules.ContainerApp),
        };
        var parts = Gen.String[Gen.Char, 0, 40].Array[0, 5];
        Check.Sample(Gen.Int[0, rules.Length - 1].Select(parts, Gen.OneOf(UniqueSuffix.WhenGloballyUnique, UniqueSuffix.Always, UniqueSuffix.Never)),
            (index, words, suffix) =>
            {
                var (type, rule) = rules[index];
                BicepValue<string> name;
                try
                {
                    name = ResourceNames.Create(type, rule, ResourceAbbreviations.For(type), "res", words, suffix);
                }
                catch (ArgumentException e) when (suffix == UniqueSuffix.Never && e.Message.Contains("too short", StringComparison.Ordinal))
                {
                    // Without uniqueString the abbreviation alone ('st') can be shorter than the minimum: refused, never invalid.
                    return;
                }
                var expression = name.ToExpression();
                Assert.IsEmpty(NamingRuleCheck.Check(type, rule, expression));
                var estimate = NameEstimate.Of(expression);
                Assert.IsTrue(estimate.IsExact && rule.IsValid(estimate.Sample), estimate.Sample);
            }, iter: 2000);
    }
}
