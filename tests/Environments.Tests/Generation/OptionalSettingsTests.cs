using Provisioning.Environments.Generation;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Generation;

/// <summary>Settings the committed environments all turn on, checked in their "off" state.</summary>
[TestClass]
public sealed class OptionalSettingsTests
{
    [TestMethod]
    public void Without_an_openai_key_nothing_asks_for_it_stores_it_or_grants_it()
    {
        var env = EnvironmentFiles.CopyToTemp();
        EnvironmentFiles.Edit(env, "dev", j => j["backend"]!["openAiApiKey"] = false);

        var files = GenerationRun.Generate(env, ["dev"]).Files.ToDictionary(f => f.RelativePath, f => f.Content);

        var bicep = files["dev/main.bicep"];
        foreach (var text in new[] { bicep, files["dev/main.bicepparam"], files["dev/README.md"] })
        {
            Assert.IsFalse(text.Contains("OPENAI_API_KEY", StringComparison.Ordinal), text);
            Assert.IsFalse(text.Contains("openai-api-key", StringComparison.Ordinal));
            Assert.IsFalse(text.Contains("openAiApiKey", StringComparison.Ordinal));
        }
        BicepCli.Build(bicep).AssertClean();
    }

    [TestMethod]
    public void Firewall_ranges_of_the_environment_file_become_rules_after_the_azure_services_rule()
    {
        var env = EnvironmentFiles.CopyToTemp();
        EnvironmentFiles.Edit(env, "staging", j => j["network"]!["allowedIpRanges"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["name"] = "office", ["start"] = "203.0.113.10", ["end"] = "203.0.113.20" }));

        var bicep = GenerationRun.Generate(env, ["staging"]).Files.Single(f => f.RelativePath == "staging/main.bicep").Content;

        StringAssert.Contains(bicep, """
            resource postgresFirewall0 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = {
              parent: postgres
              name: 'office'
              properties: {
                startIpAddress: '203.0.113.10'
                endIpAddress: '203.0.113.20'
              }
              dependsOn: [
                postgresAllowAzureServices
              ]
            }
            """.Replace("\r", "", StringComparison.Ordinal));
        BicepCli.Build(bicep).AssertClean();
    }
}
