using System.Text.Json.Nodes;
using Provisioning.Bicep.State;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Generation;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Generation;

/// <summary>
/// The cost knobs of the environment file that shape the alerts and the probe (alerts.evaluationFrequency,
/// alerts.checkRules, probe.schedule, probe.cpu/memory/minReplicas), from an edited env/dev.json through the generator
/// to the template. What is checked is what makes an alert work: a check rule sees three runs in a row when it is
/// evaluated, "probe silent" never fires between two healthy runs, every result reaches the security rule.
/// </summary>
[TestClass]
public sealed class AlertSettingsTests
{
    private static readonly TimeSpan[] OfferedWindows =
    [
        .. new[] { 1, 5, 10, 15, 30, 45 }.Select(m => TimeSpan.FromMinutes(m)),
        .. new[] { 1, 2, 3, 4, 5, 6 }.Select(h => TimeSpan.FromHours(h)),
        TimeSpan.FromDays(1),
    ];

    private static (Dictionary<string, string> Files, DeploymentState State) GenerateDev(Action<JsonObject> edit)
    {
        var env = EnvironmentFiles.CopyToTemp();
        EnvironmentFiles.Edit(env, "dev", edit);
        var files = GenerationRun.Generate(env, ["dev"]).Files.ToDictionary(f => f.RelativePath, f => f.Content);
        return (files, StateFile.Read(files["dev/main.state.json"]));
    }

    private static List<ResourceState> Rules(DeploymentState state) =>
        [.. state.Resources.Where(r => r.Type == "Microsoft.Insights/scheduledQueryRules")];

    private static string Text(ResourceState r, string path) => (string)path.Split('.').Aggregate((JsonNode?)r.Body, (n, key) => n?[key])!;

    private static TimeSpan Window(ResourceState r) => AlertWindows.Parse(Text(r, "properties.windowSize")) ?? throw new AssertFailedException("unreadable window");

    [TestMethod]
    [DataRow("0 */1 * * * *", 60, "PT1M")]
    [DataRow("0 */1 * * * *", 60, "PT15M")]
    [DataRow("0 */15 * * * *", 900, "PT15M")]
    [DataRow("0 0 */2 * * *", 7200, "PT15M")]
    [DataRow("0 0 */6 * * *", 21600, "PT5M")]
    public void Every_alert_window_follows_the_evaluation_frequency_and_the_probe_interval(string schedule, int intervalSeconds, string frequency)
    {
        var (files, state) = GenerateDev(j =>
        {
            j["probe"]!["schedule"] = schedule;
            j["alerts"] = new JsonObject { ["evaluationFrequency"] = frequency };
        });
        var interval = TimeSpan.FromSeconds(intervalSeconds);
        var every = AlertWindows.Parse(frequency)!.Value;
        var rules = Rules(state);
        // One rule per check, the security and "probe silent" rules, and one burn-rate rule per window pair of the objectives.
        Assert.HasCount(TodoSystem.Description.Checks.Length + 2 + TodoObjectives.BurnRates.Length, rules);
        foreach (var rule in rules)
        {
            Assert.AreEqual(frequency, Text(rule, "properties.evaluationFrequency"), rule.SymbolicName);
            var window = Window(rule);
            CollectionAssert.Contains(OfferedWindows, window, $"{rule.SymbolicName}: {window} is not a window Azure offers");
            Assert.IsGreaterThanOrEqualTo(every, window, $"{rule.SymbolicName}: a window shorter than the frequency leaves results unseen");
            var suffix = rule.SymbolicName;
            if (suffix.StartsWith("alertCheck", StringComparison.Ordinal))
            {
                Assert.IsGreaterThanOrEqualTo(interval * 3 + every, window, $"{suffix}: three runs in a row must be in the window when it is evaluated");
            }
            else if (suffix == "alertProbeSilent")
            {
                Assert.IsGreaterThanOrEqualTo(interval * 2, window, "probe silent must not fire between two healthy runs");
                StringAssert.Contains(Text(rule, "properties.displayName"), AlertWindows.Words(window));
                StringAssert.Contains(files["dev/README.md"], $"{AlertWindows.Words(window)} without any result raises a \"probe silent\" alert");
            }
        }
        var bicep = files["dev/main.bicep"];
        StringAssert.Contains(bicep, $"evaluationFrequency: '{frequency}'");
        if (frequency != "PT1M")
        {
            StringAssert.Contains(files["dev/README.md"], "`alerts.evaluationFrequency`");
        }
        BicepCli.Build(bicep).AssertClean();
    }

    [TestMethod]
    public void The_committed_environments_keep_the_windows_they_always_had()
    {
        var committed = StateFile.Read(File.ReadAllText(Path.Combine(EnvironmentFiles.GeneratedDirectory, "dev", "main.state.json")));
        var windows = Rules(committed).ToDictionary(r => r.SymbolicName, r => Text(r, "properties.windowSize"));
        Assert.AreEqual("PT30M", windows["alertFrontendReachable"]);
        Assert.AreEqual("PT5M", windows["alertSecurity"]);
        Assert.AreEqual("PT5M", windows["alertProbeSilent"]);
    }

    [TestMethod]
    public void Combined_check_rules_are_one_rule_that_names_every_check_and_keeps_the_run_logic()
    {
        var (files, state) = GenerateDev(j => j["alerts"] = new JsonObject { ["checkRules"] = "combined" });
        var rules = Rules(state);
        // The burn-rate rules are combined too: both window pairs in one.
        CollectionAssert.AreEquivalent(new[] { "alertChecks", "alertSecurity", "alertProbeSilent", "alertBurnRate" }, rules.Select(r => r.SymbolicName).ToList());
        var burn = rules.Single(r => r.SymbolicName == "alertBurnRate");
        Assert.AreEqual("PT6H", Text(burn, "properties.windowSize"), "the longest window of the pairs");
        var burnQuery = (string)burn.Body["properties"]!["criteria"]!["allOf"]![0]!["query"]!;
        StringAssert.Contains(burnQuery, "| where fast or slow");
        StringAssert.Contains(files["dev/README.md"], "both in one rule (`alerts.checkRules: combined`)");
        var query = (string)rules.Single(r => r.SymbolicName == "alertChecks").Body["properties"]!["criteria"]!["allOf"]![0]!["query"]!;
        foreach (var check in TodoSystem.Description.Checks.Select(c => c.Name))
        {
            StringAssert.Contains(query, $"'{check}'", "the one rule covers every check the probe reports");
        }
        // The per-check rule's logic, counted per check: three failures in a row fire, two passes resolve.
        StringAssert.Contains(query, "partition hint.strategy=native by name");
        StringAssert.Contains(query, "not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))");
        StringAssert.Contains(query, "passedTwo = ok and prev(ok, 1)");
        StringAssert.Contains(query, "!= 'skipped'");
        StringAssert.Contains(files["dev/README.md"], "\"probe checks failing\"");
        BicepCli.Build(files["dev/main.bicep"]).AssertClean();
    }

    [TestMethod]
    public void The_probe_replica_takes_its_size_and_minimum_from_the_file()
    {
        var (files, state) = GenerateDev(j =>
        {
            j["probe"]!["cpu"] = 0.25;
            j["probe"]!["memory"] = "0.5Gi";
            j["probe"]!["minReplicas"] = 0;
        });
        var probe = state.Resources.Single(r => r.SymbolicName == "probeFunction").Body["properties"]!["template"]!;
        Assert.AreEqual(0, (int)probe["scale"]!["minReplicas"]!);
        Assert.AreEqual(1, (int)probe["scale"]!["maxReplicas"]!, "the timer is a singleton");
        Assert.AreEqual("0.5Gi", (string)probe["containers"]![0]!["resources"]!["memory"]!);
        StringAssert.Contains(files["dev/README.md"], "| probe (Azure Functions on Container Apps) | 0.25 vCPU / 0.5Gi | 0–1 |");
    }
}
