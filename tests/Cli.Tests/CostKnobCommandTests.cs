using System.Text.Json.Nodes;
using static Provisioning.Cli.Tests.OperationsCommandRunner;

namespace Provisioning.Cli.Tests;

/// <summary>A cost knob of the environment file, edited as a person would, seen by diff and plan.</summary>
[TestClass]
public sealed class CostKnobCommandTests
{
    [TestMethod]
    public void An_alert_frequency_edit_shows_in_diff_and_plan_with_its_cost_delta()
    {
        var (env, generated) = CopyRepository("cost-knob");
        var path = Path.Combine(env, "dev.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json["alerts"] = new JsonObject { ["evaluationFrequency"] = "PT15M" };
        File.WriteAllText(path, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        var (exit, stdout, stderr) = Run("diff", "dev", "staging", "--env-dir", env, "--generated", generated, "--json");
        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        var setting = JsonNode.Parse(stdout)!["settings"]!.AsArray().Single(s => (string)s!["path"]! == "alerts.evaluationFrequency")!;
        Assert.AreEqual("\"PT15M\"", (string)setting["left"]!);
        Assert.AreEqual("\"PT1M\"", (string)setting["right"]!);

        (exit, stdout, stderr) = Run("plan", "-e", "dev", "--env-dir", env, "--generated", generated, "--json");
        Assert.AreEqual(1, exit, stderr);
        var plan = JsonNode.Parse(stdout)!["environments"]![0]!;
        var rules = plan["changed"]!.AsArray().Where(c => (string)c!["type"]! == "Microsoft.Insights/scheduledQueryRules").ToList();
        // One rule per check of the catalogue, plus the security and "probe silent" rules and the burn-rate rules.
        Assert.HasCount(TodoSystem.Description.Checks.Length + 2 + TodoObjectives.BurnRates.Length, rules, "every log alert rule is evaluated at the new frequency");
        Assert.IsTrue(rules.All(r => r!["properties"]!.AsArray().Any(p => (string)p!["path"]! == "properties.evaluationFrequency")));
        Assert.IsLessThan(0m, (decimal)plan["cost"]!["deltaMonthly"]!, "slower alert rules cost less");
        Assert.IsEmpty(plan["added"]!.AsArray());
        Assert.IsEmpty(plan["removed"]!.AsArray());
    }
}
