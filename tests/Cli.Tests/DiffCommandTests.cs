using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioning.TestSupport;
using static Provisioning.Cli.Tests.OperationsCommandRunner;

namespace Provisioning.Cli.Tests;

[TestClass]
public sealed class DiffCommandTests
{
    /// <summary>Leaf paths of an environment file (objects flattened, arrays kept whole), without $schema.</summary>
    private static Dictionary<string, string> Flatten(string file)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(string path, JsonNode? node)
        {
            if (node is JsonObject o)
            {
                foreach (var (key, value) in o.Where(p => p.Key != "$schema"))
                {
                    Walk(path.Length == 0 ? key : path + "." + key, value);
                }
            }
            else
            {
                result[path] = node?.ToJsonString() ?? "null";
            }
        }
        Walk(string.Empty, JsonNode.Parse(File.ReadAllText(file)));
        return result;
    }

    /// <summary>
    /// The differences a person sees between the two files. A setting written in one file only counts when its value
    /// differs from the other file's omission: an empty list or false is what the schema assumes when it is left out.
    /// </summary>
    private static SortedSet<string> ConfiguredDifferences(string left, string right)
    {
        var a = Flatten(Path.Combine(TestFolders.RepositoryRoot, "env", left + ".json"));
        var b = Flatten(Path.Combine(TestFolders.RepositoryRoot, "env", right + ".json"));
        static bool IsOmissionDefault(string? v) => v is null or "[]" or "false" or "null";
        var differences = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in a.Keys.Union(b.Keys))
        {
            var x = a.GetValueOrDefault(key);
            var y = b.GetValueOrDefault(key);
            if ((x is null || y is null) && IsOmissionDefault(x) && IsOmissionDefault(y))
            {
                continue;
            }
            if (x != y)
            {
                differences.Add(key);
            }
        }
        return differences;
    }

    [TestMethod]
    public void Dev_prod_lists_exactly_the_configured_differences()
    {
        var (exit, stdout, stderr) = Run("diff", "dev", "prod", "--json");
        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        var json = JsonNode.Parse(stdout)!;
        var reported = json["settings"]!.AsArray().Select(s => (string)s!["path"]!).ToList();
        var expected = ConfiguredDifferences("dev", "prod");
        Assert.IsTrue(expected.Count > 10, "dev and prod differ in sizes, replicas, database, vault, network, locks, e-mail");
        CollectionAssert.AreEquivalent(expected.ToList(), reported, $"reported: {string.Join(", ", reported)}");
    }

    [TestMethod]
    public void Resource_rows_carry_no_name_only_differences()
    {
        var (exit, stdout, _) = Run("diff", "dev", "prod", "--json");
        Assert.AreEqual(ExitCodes.Success, exit);
        var rows = JsonNode.Parse(stdout)!["resources"]!.AsArray();
        Assert.IsTrue(rows.Count > 0);
        var environmentWord = new Regex("(?<![A-Za-z])(dev|prod)(?![A-Za-z])");
        foreach (var row in rows)
        {
            var left = (string)row!["left"]!;
            var right = (string)row["right"]!;
            Assert.AreNotEqual(left, right, (string?)row["path"]);
            Assert.AreNotEqual("name", (string?)row["path"]);
            Assert.IsFalse(environmentWord.IsMatch(left) || environmentWord.IsMatch(right), $"{row["subject"]} {row["path"]}: {left} / {right}");
        }
        // Effective differences that only the states show: prod's private networking and locks.
        var subjects = rows.Select(r => (string)r!["subject"]!).ToHashSet();
        CollectionAssert.IsSubsetOf(new[] { "vnet", "keyVaultPrivateEndpoint", "postgresLock", "postgres" }, subjects.ToList());
    }

    [TestMethod]
    public void Dependencies_are_compared_as_sets_one_row_per_resource_at_most()
    {
        var (exit, stdout, _) = Run("diff", "dev", "prod", "--json");
        Assert.AreEqual(ExitCodes.Success, exit);
        var rows = JsonNode.Parse(stdout)!["resources"]!.AsArray().Where(r => ((string)r!["path"]!).StartsWith("dependsOn", StringComparison.Ordinal)).ToList();

        Assert.IsTrue(rows.Count > 0, "prod's private paths add dependencies");
        Assert.IsTrue(rows.All(r => (string?)r!["path"] == "dependsOn"), "no positional dependsOn[i] rows");
        Assert.AreEqual(rows.Count, rows.Select(r => (string?)r!["subject"]).Distinct().Count(), "one row per resource");
        foreach (var row in rows)
        {
            var left = ((string)row!["left"]!).Trim('[', ']').Split(", ");
            var right = ((string)row["right"]!).Trim('[', ']').Split(", ");
            Assert.AreEqual(0, left.Intersect(right).Count(), $"{row["subject"]}: a dependency both sides have is no difference");
        }
    }

    [TestMethod]
    public void Text_output_is_two_tables()
    {
        var (exit, stdout, _) = Run("diff", "dev", "staging");
        Assert.AreEqual(ExitCodes.Success, exit);
        StringAssert.StartsWith(stdout, "Settings (");
        StringAssert.Contains(stdout, "  setting");
        StringAssert.Contains(stdout, "frontend.maxReplicas");
        StringAssert.Contains(stdout, "Resources (");
    }

    [TestMethod]
    public void An_unknown_environment_exits_2_with_the_candidates()
    {
        var (exit, _, stderr) = Run("diff", "dev", "qa");
        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(stderr, "qa.json");
        StringAssert.Contains(stderr, "use one of dev, prod, staging");
    }
}
