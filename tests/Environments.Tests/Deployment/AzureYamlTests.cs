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

/// <summary>azure.yaml against azd's published schema, and the preprovision hook that picks the environment's Bicep.</summary>
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
        // azd deploys every component that runs as an app; the job runs from the postdeploy hook.
        CollectionAssert.AreEquivalent(
            TodoSystem.Components.Where(c => c.Kind != WorkloadKind.Job).Select(c => c.Name).ToList(),
            document["services"]!.AsObject().Select(s => s.Key).ToList());
    }

    [TestMethod]
    public void Azure_yaml_services_are_the_catalogues_as_generate_writes_them()
    {
        var committed = File.ReadAllText(Path.Combine(Root, AzureYamlServices.FileName));

        Assert.AreEqual(AzureYamlServices.Apply(committed, TodoSystem.Description), committed,
            "azure.yaml's services section is stale: run `dotnet run --project src/Cli` and commit azure.yaml");
        StringAssert.Contains(committed, "    project: ./functions/HealthProbe\n", "the probe is built from this repository");
    }

    [TestMethod]
    public void A_file_without_a_services_section_is_refused_with_the_fix()
    {
        var error = Assert.ThrowsExactly<ConfigurationException>(() => AzureYamlServices.Apply("name: x\nhooks: {}\n", TodoSystem.Description));

        StringAssert.Contains(error.Message, "azure.yaml has no top-level 'services:' section");
        StringAssert.Contains(error.Message, "add the line 'services:'");
    }

    [TestMethod]
    public void Preprovision_refuses_an_environment_that_was_not_generated()
    {
        var workspace = CopyRepository();

        var (exit, _, error) = RunHook(workspace, new Dictionary<string, string?> { ["AZURE_ENV_NAME"] = "qa" });

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "there is no generated/qa/main.bicep");
        Assert.IsFalse(Directory.Exists(Path.Combine(workspace, ".azd-infra")), "nothing may be staged for provisioning");
    }

    /// <summary>The hook reads the secrets from the generated files; every secure parameter of the model must be among them.</summary>
    [TestMethod]
    [DataRow("dev")]
    [DataRow("staging")]
    [DataRow("prod")]
    public void Preprovision_lists_every_missing_secret_of_the_environment_and_deploys_nothing(string env)
    {
        var workspace = CopyRepository();
        var configuration = ConfigurationLoader.LoadAll(EnvironmentFiles.EnvironmentDirectory).Single(c => c.Name == env);
        var expected = TodoSystem.Description.SecureParametersFor(configuration).Where(p => !p.Optional).Select(p => p.Variable).ToList();

        var (exit, _, error) = RunHook(workspace, new Dictionary<string, string?> { ["AZURE_ENV_NAME"] = env });

        Assert.AreEqual(2, exit);
        Assert.IsTrue(expected.Count >= 2, "the environment has secrets");
        foreach (var variable in expected)
        {
            StringAssert.Contains(error, $"{variable} is not set", env);
        }
        Assert.IsFalse(Directory.Exists(Path.Combine(workspace, ".azd-infra")), "nothing may be staged for provisioning");
    }

    /// <summary>Each secure parameter's minimum length in the model is what the hook enforces, before Azure would refuse it.</summary>
    [TestMethod]
    public void Preprovision_refuses_each_secret_shorter_than_the_model_allows()
    {
        var workspace = CopyRepository();
        var configuration = ConfigurationLoader.LoadAll(EnvironmentFiles.EnvironmentDirectory).Single(c => c.Name == "dev");
        var parameters = TodoSystem.Description.SecureParametersFor(configuration);
        var environment = parameters.ToDictionary(p => p.Variable, p => (string?)new string('k', Math.Max(p.MinLength - 1, 0)));
        environment["AZURE_ENV_NAME"] = "dev";

        var (exit, _, error) = RunHook(workspace, environment);

        Assert.AreEqual(2, exit);
        foreach (var parameter in parameters.Where(p => p.MinLength > 1 && !p.Optional))
        {
            StringAssert.Contains(error, $"{parameter.Variable} is shorter than {parameter.MinLength} characters");
        }
    }

    /// <summary>
    /// azd resolves `azd env set-secret` references for main.parameters.json only; a .bicepparam would read the
    /// reference text as the secret, so the hook refuses it and names what works instead.
    /// </summary>
    [TestMethod]
    public void Preprovision_refuses_an_azd_key_vault_reference_as_a_secret_value()
    {
        var workspace = CopyRepository();
        var environment = TodoSystem.Description.SecureParameters.ToDictionary(p => p.Variable, p => (string?)new string('k', Math.Max(p.MinLength, 48)));
        environment["AZURE_ENV_NAME"] = "dev";
        environment["JWT_SECRET_KEY"] = "akvs://00000000-0000-0000-0000-000000000001/kv-secrets-store/jwt-secret-key";

        var (exit, _, error) = RunHook(workspace, environment);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "JWT_SECRET_KEY holds a Key Vault reference (akvs://");
        StringAssert.Contains(error, "azd env set JWT_SECRET_KEY");
        Assert.IsFalse(error.Contains("POSTGRES_ADMIN_PASSWORD", StringComparison.Ordinal), "only the reference is a problem");
        Assert.IsFalse(Directory.Exists(Path.Combine(workspace, ".azd-infra")), "nothing may be staged for provisioning");
    }

    [TestMethod]
    public void Preprovision_refuses_a_short_jwt_key_and_a_missing_openai_key_the_environment_enables()
    {
        var workspace = CopyRepository();

        var (exit, _, error) = RunHook(workspace, new Dictionary<string, string?>
        {
            ["AZURE_ENV_NAME"] = "dev",
            ["JWT_SECRET_KEY"] = "short",
            ["POSTGRES_ADMIN_PASSWORD"] = "a-long-enough-password",
        });

        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "JWT_SECRET_KEY is shorter than 32 characters");
        StringAssert.Contains(error, "OPENAI_API_KEY is not set");
    }

    [TestMethod]
    public void Preprovision_stages_exactly_the_committed_environment()
    {
        var workspace = CopyRepository();

        var environment = TodoSystem.Description.SecureParameters.ToDictionary(p => p.Variable, p => (string?)new string('k', Math.Max(p.MinLength, 48)));
        environment["AZURE_ENV_NAME"] = "staging";

        var (exit, output, error) = RunHook(workspace, environment);

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "deploying generated/staging/");
        Assert.AreEqual(File.ReadAllText(Path.Combine(Root, "generated", "staging", "main.bicep")), File.ReadAllText(Path.Combine(workspace, ".azd-infra", "main.bicep")));
        Assert.AreEqual(File.ReadAllText(Path.Combine(Root, "generated", "staging", "main.bicepparam")), File.ReadAllText(Path.Combine(workspace, ".azd-infra", "main.bicepparam")));
    }

    private static string CopyRepository()
    {
        var dir = TestFolders.NewTemp("azd");
        foreach (var folder in new[] { "generated", "scripts" })
        {
            TestFolders.Copy(Path.Combine(Root, folder), Path.Combine(dir, folder));
        }
        return dir;
    }

    private static (int ExitCode, string Output, string Error) RunHook(string workspace, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { Path.Combine(workspace, "scripts", "azd", "preprovision.sh") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workspace,
        };
        foreach (var name in TodoSystem.Description.SecureParameters.Select(p => p.Variable).Append("AZURE_ENV_NAME"))
        {
            start.Environment.Remove(name);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromSeconds(30)), "the hook did not finish");
        return (process.ExitCode, output.Result, error.Result);
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
