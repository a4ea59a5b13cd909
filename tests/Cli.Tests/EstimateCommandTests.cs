using System.Text.Json.Nodes;
using Provisioning.Operations;
using static Provisioning.Cli.Tests.OperationsCommandRunner;

namespace Provisioning.Cli.Tests;

[TestClass]
public sealed class EstimateCommandTests
{
    [TestMethod]
    public void Every_environment_is_estimated_per_resource_with_the_sheet_date()
    {
        var (exit, stdout, stderr) = Run("estimate", "--json", "--rps", "5");
        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        var root = JsonNode.Parse(stdout)!;
        Assert.AreEqual(PriceSheet.Default.Date, (string?)root["priceSheet"]!["date"]);
        var environments = root["environments"]!.AsArray();
        CollectionAssert.AreEqual(new[] { "dev", "prod", "staging" }, environments.Select(e => (string)e!["environment"]!).ToArray());
        foreach (var e in environments)
        {
            var lines = e!["resources"]!.AsArray();
            Assert.AreEqual((decimal)e["idleMonthly"]!, lines.Sum(l => (decimal)l!["idleMonthly"]!), 0.05m);
            Assert.IsTrue((decimal)e["loadMonthly"]! >= (decimal)e["idleMonthly"]!);
        }
        var dev = (decimal)environments[0]!["idleMonthly"]!;
        var prod = (decimal)environments[1]!["idleMonthly"]!;
        Assert.IsTrue(prod > dev);
    }

    [TestMethod]
    public void Dev_shows_what_prevents_the_30_usd_target_and_the_knobs()
    {
        var (exit, stdout, _) = Run("estimate", "-e", "dev");
        Assert.AreEqual(ExitCodes.Success, exit);
        StringAssert.Contains(stdout, $"read {PriceSheet.Default.Date}");
        StringAssert.Contains(stdout, "Budget 30.00 USD/month idle: NOT met");
        StringAssert.Contains(stdout, "What prevents it");
        StringAssert.Contains(stdout, "Knobs of the environment file");
        StringAssert.Contains(stdout, "probe.schedule = \"0 */15 * * * *\": ");
        StringAssert.Contains(stdout, "alerts.evaluationFrequency = \"PT15M\": ");
        StringAssert.Contains(stdout, "Trade-off:");
        StringAssert.Contains(stdout, "meets the budget");
        Assert.IsFalse(stdout.Contains("not in the env file", StringComparison.Ordinal), "every knob offered is a setting of the file");
        StringAssert.Contains(stdout, "never scales to zero");
    }

    [TestMethod]
    public void A_slower_probe_schedule_is_cheaper()
    {
        static decimal Idle(params string[] extra)
        {
            var (exit, stdout, stderr) = Run(["estimate", "-e", "dev", "--json", .. extra]);
            Assert.AreEqual(ExitCodes.Success, exit, stderr);
            return (decimal)JsonNode.Parse(stdout)!["environments"]![0]!["idleMonthly"]!;
        }
        Assert.IsTrue(Idle("--probe-schedule", "0 */15 * * * *") < Idle());
    }

    [TestMethod]
    public void Generated_costs_md_is_the_current_output_of_estimate_markdown_and_the_readme_repeats_no_figure()
    {
        var (exit, stdout, _) = Run("estimate", "--markdown");
        Assert.AreEqual(ExitCodes.Success, exit);
        var root = Provisioning.TestSupport.TestFolders.RepositoryRoot;
        var costs = File.ReadAllText(Path.Combine(root, "generated", "costs.md"));
        var table = string.Join('\n', stdout.Split('\n').TakeWhile(l => l.StartsWith('|')));
        StringAssert.Contains(costs, table, "generated/costs.md is stale: run `dotnet run --project src/Cli` and commit generated/");
        StringAssert.Contains(stdout, $"read {PriceSheet.Default.Date}");
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        StringAssert.Contains(readme, "generated/costs.md");
        foreach (var row in table.Split('\n').Skip(2))
        {
            var total = row.Split('|')[2].Trim();
            Assert.IsFalse(readme.Contains(total, StringComparison.Ordinal), $"README repeats the figure {total} of generated/costs.md; link to it instead");
        }
    }

    [TestMethod]
    public void Bad_input_exits_2_and_names_the_setting()
    {
        var (exit, _, stderr) = Run("estimate", "-e", "qa");
        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(stderr, "no committed state for environment 'qa'");
        (exit, _, stderr) = Run("estimate", "--probe-schedule", "*/5 * * * *");
        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(stderr, "--probe-schedule");
        (exit, _, stderr) = Run("estimate", "--alert-frequency", "hourly");
        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.StartsWith(stderr, "--alert-frequency: 'hourly' is not an ISO 8601 duration");
        (exit, _, stderr) = Run("estimate", "--rps", "-1");
        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(stderr, "--rps");
    }

    [TestMethod]
    public void Text_output_stays_within_the_width_and_loses_no_word()
    {
        var (exit, stdout, stderr) = Run("estimate");
        var (_, json, _) = Run("estimate", "--json");

        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        var width = TerminalWidth.For(new StringWriter());
        var longest = stdout.Split('\n').MaxBy(l => l.Length)!;
        Assert.IsTrue(longest.Length <= width, $"{longest.Length} > {width}: {longest}");
        // Every word of every resource's explanation is still there, only on more lines.
        var words = stdout.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        foreach (var basis in JsonNode.Parse(json)!["environments"]!.AsArray().SelectMany(e => e!["resources"]!.AsArray()).Select(r => (string)r!["basis"]!))
        {
            foreach (var word in basis.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length < 16))
            {
                Assert.IsTrue(words.Contains(word), $"'{word}' of \"{basis}\" is missing");
            }
        }
    }
}
