using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Generation;
using Provisioning.Environments.Model;
using Provisioning.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Provisioning.Environments.Tests.Deployment;

/// <summary>azure.yaml against azd's published schema: no service for azd to deploy, and hooks that call the stages.</summary>
[TestClass]
public sealed partial class AzureYamlTests
{
    [System.Text.RegularExpressions.GeneratedRegex("\"\\$ref\": *\"(https://[^\"#]+)")]
    private static partial System.Text.RegularExpressions.Regex RemoteReferences();

    private static string Root => EnvironmentFiles.RepositoryRoot;

    [TestMethod]
    public void Azure_yaml_is_valid_against_azds_schema()
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "azure.yaml.schema.json")));
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "azure.yaml"))));
        var document = ToJson(yaml.Documents[0].RootNode)!;

        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        // azd's schema points its AI-extension hosts at schemas on the web; this project uses none of those hosts,
        // and tests never reach the network, so those references resolve to permissive stand-ins.
        foreach (var remote in RemoteReferences().Matches(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "azure.yaml.schema.json"))).Select(m => m.Groups[1].Value).Distinct())
        {
            options.SchemaRegistry.Register(new Uri(remote), JsonSchema.FromText($"{{\"$id\": \"{remote}\"}}"));
        }

        var result = schema.Evaluate(document, options);

        Assert.IsTrue(result.IsValid, string.Join("\n", result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        Assert.AreEqual(".azd-infra", (string)document["infra"]!["path"]!);
        // azd deploys no service (its containerapp host needs Docker to move a prebuilt image); the images stage does.
        Assert.IsNull(document["services"], "no services key: azd's schema wants at least one service under it");
        var hooks = document["hooks"]!.AsObject();
        CollectionAssert.AreEqual(new[] { "preprovision", "postprovision", "predown" }, hooks.Select(h => h.Key).ToArray());
        foreach (var (name, hook) in hooks)
        {
            var script = Path.Combine(Root, ((string)hook!["run"]!).TrimStart('.', '/'));
            Assert.IsTrue(File.Exists(script), $"hook {name} runs {script}, which does not exist");
            StringAssert.Contains(File.ReadAllText(script), name == "predown" ? " teardown check" : " deploy --azd", StringComparison.Ordinal, $"hook {name} is a thin caller of the CLI");
        }
    }

    [TestMethod]
    public void Azure_yaml_services_are_the_catalogues_as_generate_writes_them()
    {
        var committed = File.ReadAllText(Path.Combine(Root, AzureYamlServices.FileName));

        Assert.AreEqual(AzureYamlServices.Apply(committed, TodoSystem.Description), committed,
            "azure.yaml's services section is stale: run `dotnet run --project src/Cli` and commit azure.yaml");
        foreach (var component in TodoSystem.Components)
        {
            StringAssert.Contains(committed, component.Build is null ? "${" + AzureYamlServices.SourceImageVariable(component) + "}" : $"az acr build) from {component.Build.Project}/Dockerfile",
                $"azure.yaml says where {component.Name}'s image comes from");
        }
    }

    [TestMethod]
    public void A_file_without_a_services_section_is_refused_with_the_fix()
    {
        var error = Assert.ThrowsExactly<ConfigurationException>(() => AzureYamlServices.Apply("name: x\nhooks: {}\n", TodoSystem.Description));

        StringAssert.Contains(error.Message, "azure.yaml has no top-level 'services:' section");
        StringAssert.Contains(error.Message, "add the line 'services:'");
    }

    /// <summary>YAML to JSON with YAML 1.2 core scalars: unquoted true/false and numbers keep their types.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when s.Value is "true" or "false" => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when s.Value is "null" or "~" or "" => null,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };
}
