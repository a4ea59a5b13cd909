using System.Text.Json.Nodes;
using static Provisioning.Cli.Tests.GenerateFixture;

namespace Provisioning.Cli.Tests;

/// <summary>
/// A region change re-creates every resource with a location: one refusal that names them all, one scope that
/// acknowledges them all, and no refusal at all for an environment that has no committed state.
/// </summary>
[TestClass]
public sealed class GenerateRegionChangeTests
{
    private static readonly Action<JsonObject> MoveToNorthEurope = j => j["location"] = "northeurope";

    /// <summary>
    /// The committed state's resources placed by the location parameter, whose location is create-only: exactly those a
    /// region change re-creates (the action group's location is the literal 'global' and stays).
    /// </summary>
    private static List<string> LocatedResources(string output, string environment)
    {
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(output, environment, "main.state.json")))!;
        return [.. state["resources"]!.AsArray()
            .Where(r => r!["createOnly"]?.AsArray().Any(p => (string?)p == "location") == true
                        && r["body"]?["location"] is JsonObject { } location && (string?)location["$bicep"] == "location")
            .Select(r => (string)r!["symbolicName"]!)];
    }

    [TestMethod]
    public void A_region_change_is_one_refusal_naming_every_resource_it_recreates()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "dev", MoveToNorthEurope);
        var located = LocatedResources(output, "dev");
        var before = HashTree(output);

        var (exit, stdout, stderr) = Run("--env-dir", env, "--out", output, "-e", "dev");

        Assert.AreEqual(ExitCodes.InvalidInput, exit, stdout + stderr);
        var refusals = stderr.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(1, refusals.Count, stderr);
        StringAssert.StartsWith(stderr, "Nothing was generated: 1 problem(s) with create-only properties.");
        var line = refusals[0];
        Assert.IsTrue(located.Count > 10, $"the committed dev state has {located.Count} resources with a location");
        StringAssert.Contains(line, $"{located.Count} resources ('");
        StringAssert.Contains(line, "[postgres] deleting the server deletes every database on it", "what re-creating costs is said per resource");
        foreach (var symbol in located)
        {
            StringAssert.Contains(line, $"'{symbol}'", $"{symbol} is re-created by the move");
        }
        StringAssert.Contains(line, "location cannot change once the resource exists: it is \"westeurope\" in the committed state and would become \"northeurope\"");
        StringAssert.Contains(line, "--allow-recreate dev:all");
        Assert.AreEqual(1, CountOf(line, "A resource stays in the region it was created in"), "the reason is said once");
        Assert.IsTrue(stderr.Length < 8_000, $"the refusal is {stderr.Length} characters");
        CollectionAssert.AreEquivalent(before.ToList(), HashTree(output).ToList());
    }

    [TestMethod]
    public void The_environment_scope_acknowledges_every_resource_and_lists_them()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "dev", MoveToNorthEurope);
        var located = LocatedResources(output, "dev");

        var (exit, stdout, stderr) = Run("--env-dir", env, "--out", output, "--allow-recreate", "dev:all");

        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        var acknowledged = stdout.Split('\n').Single(l => l.Contains("re-creation acknowledged for location", StringComparison.Ordinal));
        foreach (var symbol in located)
        {
            StringAssert.Contains(acknowledged, $"'{symbol}'");
        }
        StringAssert.Contains(acknowledged, $"delete these {located.Count} resources before deploying");
        Assert.AreEqual("northeurope", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(output, "dev", "main.state.json")))!["parameters"]!["location"]);
        Assert.AreEqual(ExitCodes.Success, Run("--env-dir", env, "--out", output).ExitCode, "once generated, the new region is the committed one");
    }

    [TestMethod]
    public void A_scope_of_another_environment_acknowledges_nothing_and_names_the_candidates()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "dev", MoveToNorthEurope);

        var (exit, _, stderr) = Run("--env-dir", env, "--out", output, "--allow-recreate", "staging:all");

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(stderr, "--allow-recreate staging:all: 'staging:all' is not a resource with a create-only change in this run. Fix: use one of ");
        StringAssert.Contains(stderr, "dev:all.");
        Assert.IsNotNull(RefusalLine(stderr, "dev", "keyVault", "location"), stderr);
    }

    [TestMethod]
    public void An_environment_without_a_committed_state_is_not_refused()
    {
        var (env, output) = CopyRepositoryFolders();
        EditEnvironment(env, "dev", MoveToNorthEurope);
        Directory.Delete(Path.Combine(output, "dev"), recursive: true);

        var (exit, stdout, stderr) = Run("--env-dir", env, "--out", output, "-e", "dev");

        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        Assert.AreEqual(string.Empty, stderr);
        Assert.IsFalse(stdout.Contains("re-creation", StringComparison.Ordinal), stdout);
        Assert.AreEqual("northeurope", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(output, "dev", "main.state.json")))!["parameters"]!["location"]);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [TestMethod]
    public void Plan_heads_a_region_change_with_the_resources_it_recreates()
    {
        var (env, generated) = OperationsCommandRunner.CopyRepository("plan-region");
        EditEnvironment(env, "dev", MoveToNorthEurope);
        var located = LocatedResources(generated, "dev");

        var (exit, stdout, stderr) = OperationsCommandRunner.Run("plan", "-e", "dev", "--env-dir", env, "--generated", generated);

        Assert.AreEqual(ExitCodes.InvalidInput, exit, "generate would refuse it: " + stdout + stderr);
        StringAssert.Contains(stdout, $"dev: 0 to add, 0 to change, {located.Count} to recreate, 0 to remove, 1 parameter(s) changed.");
        Assert.AreEqual(1, stdout.Split('\n').Count(l => l.Contains("! create-only:", StringComparison.Ordinal)), stdout);
        StringAssert.Contains(stdout, "--allow-recreate dev:all");
    }
}
