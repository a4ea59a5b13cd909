using System.Text.Json.Nodes;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Tests.Configuration;

/// <summary>
/// Each case breaks one setting of a real environment file and checks the message a person gets: the file, the JSON
/// path, what is wrong and how to fix it.
/// </summary>
[TestClass]
public sealed class InvalidConfigurationTests
{
    public static IEnumerable<object[]> Cases() => InvalidConfigurationCases.All();

    public static string CaseName(System.Reflection.MethodInfo method, object[] data) => (string)data[0];

    [TestMethod]
    [DynamicData(nameof(Cases), DynamicDataDisplayName = nameof(CaseName))]
    public void Invalid_setting_is_reported_with_file_path_message_and_fix(string name, string environment, Action<JsonObject> edit, string path, string message, string fix)
    {
        var dir = EnvironmentFiles.CopyToTemp();
        EnvironmentFiles.Edit(dir, environment, edit);

        var ex = Assert.ThrowsExactly<ConfigurationException>(() => ConfigurationLoader.LoadAll(dir), name);

        var match = ex.Problems.FirstOrDefault(p => p.JsonPath == path && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.IsNotNull(match, $"{name}: expected a problem at {path} containing \"{message}\"; got:\n{ex.Message}");
        StringAssert.EndsWith(match.File, environment + ".json", name);
        StringAssert.Contains(match.Fix, fix, $"{name}: fix text was: {match.Fix}");
        Assert.IsTrue(ex.Problems.All(p => p.File.EndsWith(environment + ".json", StringComparison.Ordinal)), $"{name}: only the edited file may have problems:\n{ex.Message}");
    }

    [TestMethod]
    public void Json_syntax_error_names_line_and_position()
    {
        var dir = EnvironmentFiles.CopyToTemp();
        File.WriteAllText(Path.Combine(dir, "dev.json"), "{\n  \"location\": \"westeurope\",\n}\n");

        var ex = Assert.ThrowsExactly<ConfigurationException>(() => ConfigurationLoader.LoadAll(dir));

        var problem = ex.Problems.Single();
        StringAssert.Contains(problem.Message, "is not valid JSON (line 3");
        StringAssert.Contains(problem.Fix, "fix the JSON syntax");
    }

    [TestMethod]
    public void Duplicate_keys_are_refused()
    {
        var dir = EnvironmentFiles.CopyToTemp();
        var text = File.ReadAllText(Path.Combine(dir, "dev.json")).Replace("\"locks\": false,", "\"locks\": false,\n  \"locks\": true,", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "dev.json"), text);

        var ex = Assert.ThrowsExactly<ConfigurationException>(() => ConfigurationLoader.LoadAll(dir));

        StringAssert.Contains(ex.Problems.Single().Message, "is not valid JSON");
        StringAssert.Contains(ex.Problems.Single().Message, "locks");
    }

    [TestMethod]
    public void Environment_name_comes_from_a_valid_file_name()
    {
        var dir = EnvironmentFiles.CopyToTemp();
        File.Move(Path.Combine(dir, "staging.json"), Path.Combine(dir, "Staging-EU.json"));

        var ex = Assert.ThrowsExactly<ConfigurationException>(() => ConfigurationLoader.LoadAll(dir));

        var problem = ex.Problems.Single();
        StringAssert.Contains(problem.Message, "'Staging-EU' is not a valid environment name");
        StringAssert.Contains(problem.Fix, "rename the file");
    }

    [TestMethod]
    public void Every_problem_in_every_file_is_reported_at_once()
    {
        var dir = EnvironmentFiles.CopyToTemp();
        EnvironmentFiles.Edit(dir, "dev", j => { j["location"] = "nowhere"; j["database"]!["highAvailability"] = true; });
        EnvironmentFiles.Edit(dir, "staging", j => j.Remove("images"));
        EnvironmentFiles.Edit(dir, "prod", j => j["locks"] = false);

        var ex = Assert.ThrowsExactly<ConfigurationException>(() => ConfigurationLoader.LoadAll(dir));

        CollectionAssert.AreEquivalent(
            new[] { "dev.json:$.location", "dev.json:$.database.highAvailability", "staging.json:$", "prod.json:$.locks" },
            ex.Problems.Select(p => Path.GetFileName(p.File) + ":" + p.JsonPath).ToArray(),
            ex.Message);
    }

    [TestMethod]
    public void Missing_folder_and_empty_folder_say_what_to_do()
    {
        var missing = Assert.ThrowsExactly<ConfigurationException>(() => ConfigurationLoader.LoadAll("/nonexistent/env"));
        StringAssert.Contains(missing.Problems.Single().Message, "does not exist");

        var empty = Path.Combine(Path.GetTempPath(), "env-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        var none = Assert.ThrowsExactly<ConfigurationException>(() => ConfigurationLoader.LoadAll(empty));
        StringAssert.Contains(none.Problems.Single().Message, "no environment files");
    }
}
