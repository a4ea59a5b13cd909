using Provisioning.Environments.Configuration;
using Provisioning.Environments.Generation;

namespace Provisioning.Environments.Tests.Model;

/// <summary>Acceptance 2 of issue 8: production is the tier an environment file declares, not the name <c>prod</c>.</summary>
[TestClass]
public sealed class ProductionTierTests
{
    /// <summary>env/ with prod.json also saved as <paramref name="name"/>.json, edited by <paramref name="edit"/>.</summary>
    private static string WithCopyOfProd(string name, Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var dir = EnvironmentFiles.CopyToTemp();
        File.Copy(Path.Combine(dir, "prod.json"), Path.Combine(dir, name + ".json"));
        EnvironmentFiles.Edit(dir, name, edit);
        return dir;
    }

    [TestMethod]
    public void A_copy_of_prod_under_another_name_gets_every_guard_rail()
    {
        var dir = WithCopyOfProd("prodeu", j =>
        {
            j["locks"] = false;
            j["database"]!["highAvailability"] = false;
            j["mcp"]!["minReplicas"] = 1;
        });

        var ex = Assert.ThrowsExactly<ConfigurationException>(() => ConfigurationLoader.LoadAll(dir));

        var paths = ex.Problems.Where(p => p.File.EndsWith("prodeu.json", StringComparison.Ordinal)).Select(p => p.JsonPath).ToList();
        CollectionAssert.AreEquivalent(new[] { "$.locks", "$.database.highAvailability", "$.mcp.minReplicas" }, paths, ex.Message);
    }

    [TestMethod]
    public void A_valid_copy_of_prod_under_another_name_is_generated_as_production()
    {
        var dir = WithCopyOfProd("prodeu", _ => { });

        var files = GenerationRun.Generate(dir, ["prodeu"]).Files.ToDictionary(f => f.RelativePath, f => f.Content);

        var bicep = files["prodeu/main.bicep"];
        StringAssert.Contains(bicep, "retentionInDays: 90");
        StringAssert.Contains(bicep, "name: 'http-load'");
        Assert.AreEqual(files["prodeu/main.bicep"].Replace("prodeu", "prod", StringComparison.Ordinal),
            GenerationRun.Generate(dir, ["prod"]).Files.Single(f => f.RelativePath == "prod/main.bicep").Content,
            "apart from its name, the copy is the very template of prod");
    }

    [TestMethod]
    public void A_non_production_tier_with_prod_like_settings_passes_without_the_guard_rails()
    {
        var dir = WithCopyOfProd("perf", j =>
        {
            j["tier"] = "staging";
            j["locks"] = false;
            j["database"]!["highAvailability"] = false;
            j["mcp"]!["minReplicas"] = 1;
        });

        var files = GenerationRun.Generate(dir, ["perf"]).Files.ToDictionary(f => f.RelativePath, f => f.Content);

        var bicep = files["perf/main.bicep"];
        StringAssert.Contains(bicep, "retentionInDays: 30");
        Assert.IsFalse(bicep.Contains("http-load", StringComparison.Ordinal), "load-based scaling is a production setting");
        Assert.IsFalse(bicep.Contains("Microsoft.Authorization/locks", StringComparison.Ordinal));
    }

    [TestMethod]
    public void An_environment_called_prod_on_a_non_production_tier_gets_no_guard_rails()
    {
        var dir = EnvironmentFiles.CopyToTemp();
        EnvironmentFiles.Edit(dir, "prod", j =>
        {
            j["tier"] = "development";
            j["locks"] = false;
        });

        var prod = ConfigurationLoader.LoadAll(dir).Single(c => c.Name == "prod");

        Assert.IsFalse(prod.IsProduction);
    }
}
