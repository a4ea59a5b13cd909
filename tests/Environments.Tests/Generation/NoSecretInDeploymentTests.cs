using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioning.Environments.Generation;
using Provisioning.Environments.Todo;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Generation;

/// <summary>
/// No deployment carries a secret value (issue 17): the committed parameter files read no secret from the
/// environment, the one value a resource needs is a Key Vault reference, and they compile with names alone.
/// </summary>
[TestClass]
public sealed partial class NoSecretInDeploymentTests
{
    private static IEnumerable<string> ParameterFiles() =>
        Directory.EnumerateFiles(EnvironmentFiles.GeneratedDirectory, "*.bicepparam", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Every variable name a secret value goes by, in the catalogue (a new secret is covered with no edit here).</summary>
    private static HashSet<string> SecretVariables { get; } = [.. TodoSystem.Description.SecureParameters.Select(p => p.Variable)];

    [TestMethod]
    public void No_generated_parameter_file_reads_a_secret_from_the_environment()
    {
        var files = ParameterFiles().ToList();
        Assert.IsGreaterThanOrEqualTo(9, files.Count, "main, bootstrap and data of every environment");
        var allowed = new HashSet<string>(EnvironmentGenerator.VaultReferenceVariables, StringComparer.Ordinal) { TodoTemplate.SecretsExistVariable };
        allowed.UnionWith(TodoSystem.Description.SecureParameters.Where(p => p.Optional).Select(p => p.PresenceVariable));
        allowed.UnionWith(TodoSystem.Description.Components.Select(c => EnvironmentGenerator.DeployedImageVariable(c.ImageParameter)));
        // A pinned reference's version id: which version, never a value.
        allowed.Add(TodoSystem.JwtSecretKeyPin.Variable);
        var findings = new List<string>();
        foreach (var file in files)
        {
            foreach (Match read in EnvironmentRead().Matches(File.ReadAllText(file)))
            {
                var variable = read.Groups[1].Value;
                if (SecretVariables.Contains(variable) || !allowed.Contains(variable))
                {
                    findings.Add($"{Path.GetRelativePath(EnvironmentFiles.GeneratedDirectory, file)} reads {variable}");
                }
            }
        }
        Assert.IsEmpty(findings, "a parameter file reads a secret (or an unknown variable) from the environment:\n" + string.Join('\n', findings));
    }

    [TestMethod]
    public void Every_secure_parameter_a_template_declares_is_a_key_vault_reference()
    {
        var secure = TodoSystem.Description.SecureParameters.Select(p => p.Name).ToList();
        var references = 0;
        foreach (var file in ParameterFiles())
        {
            foreach (var line in File.ReadAllLines(file).Where(l => l.StartsWith("param ", StringComparison.Ordinal)))
            {
                var name = line.Split(' ')[1];
                if (secure.Contains(name))
                {
                    StringAssert.StartsWith(line, $"param {name} = getSecret(", file);
                    references++;
                }
            }
        }
        Assert.AreEqual(6, references, "main.bicepparam and data.bicepparam (the server) of each environment pass the administrator password, and nothing else secret");
    }

    [TestMethod]
    [DataRow("dev")]
    [DataRow("prod")]
    public void The_parameter_files_compile_with_names_alone_and_the_password_stays_a_reference(string env)
    {
        var dir = BicepCli.CreateStrictWorkspace();
        foreach (var file in new[] { "main.bicep", "main.bicepparam", "bootstrap.bicep", "bootstrap.bicepparam" })
        {
            File.Copy(Path.Combine(EnvironmentFiles.GeneratedDirectory, env, file), Path.Combine(dir, file));
        }
        // Only names: no secret variable is set at all, so a parameter file that needed one could not compile.
        var variables = GeneratedEnvironments.DeploymentVariables(env, rotating: false);
        var main = BicepCli.Run(variables, "build-params", Path.Combine(dir, "main.bicepparam"), "--stdout").AssertClean();
        var parameters = JsonNode.Parse((string)JsonNode.Parse(main.StandardOutput)!["parametersJson"]!)!["parameters"]!;
        var reference = parameters[TodoSystem.PostgresAdminPasswordParameter]!["reference"]!;
        StringAssert.EndsWith((string)reference["keyVault"]!["id"]!, $"/resourceGroups/rg-todo-{env}/providers/Microsoft.KeyVault/vaults/kv-tod-{env}-snapshot");
        Assert.AreEqual(TodoSystem.DatabasePasswordAdminSecret, (string)reference["secretName"]!);
        Assert.IsNull(parameters[TodoSystem.PostgresAdminPasswordParameter]!["value"], "a reference, never a value");

        var bootstrap = BicepCli.Run(variables, "build-params", Path.Combine(dir, "bootstrap.bicepparam"), "--stdout").AssertClean();
        var bootstrapParameters = JsonNode.Parse((string)JsonNode.Parse(bootstrap.StandardOutput)!["parametersJson"]!)!["parameters"]!.AsObject();
        Assert.IsTrue((bool)bootstrapParameters[TodoTemplate.SecretsExistParameter]!["value"]!, "unset, SECRETS_INITIALIZED means the secrets exist");
        Assert.IsFalse(bootstrapParameters.Any(p => p.Value!["reference"] is not null), "bootstrap.bicep reads no secret at all");

        variables[TodoTemplate.SecretsExistVariable] = "false";
        bootstrap = BicepCli.Run(variables, "build-params", Path.Combine(dir, "bootstrap.bicepparam"), "--stdout").AssertClean();
        bootstrapParameters = JsonNode.Parse((string)JsonNode.Parse(bootstrap.StandardOutput)!["parametersJson"]!)!["parameters"]!.AsObject();
        Assert.IsFalse((bool)bootstrapParameters[TodoTemplate.SecretsExistParameter]!["value"]!, "the first bootstrap step of a new environment");
    }

    [GeneratedRegex(@"readEnvironmentVariable\(\s*'([^']+)'")]
    private static partial Regex EnvironmentRead();
}
