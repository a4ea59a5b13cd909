using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Provisioning.Cli.Commands;
using Provisioning.Environments.Tests;
using Provisioning.Environments.Tests.Configuration;

namespace Provisioning.Cli.Tests;

/// <summary>Every invalid-configuration case through the generate command: exit code 2, the message on stderr, and no file written.</summary>
[TestClass]
public sealed class GenerateInvalidConfigurationTests
{
    public static IEnumerable<object[]> Cases() => InvalidConfigurationCases.All();

    public static string CaseName(System.Reflection.MethodInfo method, object[] data) => (string)data[0];

    [TestMethod]
    [DynamicData(nameof(Cases), DynamicDataDisplayName = nameof(CaseName))]
    public void Generate_exits_2_with_the_problem_on_stderr_and_writes_nothing(string name, string environment, Action<JsonObject> edit, string path, string message, string fix)
    {
        var env = EnvironmentFiles.CopyToTemp();
        EnvironmentFiles.Edit(env, environment, edit);
        var output = Path.Combine(Path.GetDirectoryName(env)!, Path.GetFileName(env) + "-generated");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "sentinel.txt"), "untouched");
        var before = Hash(output);

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApplication.Invoke(["--env-dir", env, "--out", output], new InvocationConfiguration { Output = stdout, Error = stderr });

        Assert.AreEqual(ExitCodes.InvalidInput, exit, $"{name}: {stderr}");
        var line = stderr.ToString().Split('\n').FirstOrDefault(l => l.Contains($"{environment}.json: {path}: ", StringComparison.Ordinal) && l.Contains(message, StringComparison.Ordinal));
        Assert.IsNotNull(line, $"{name}: expected a line for {environment}.json {path} with \"{message}\" in:\n{stderr}");
        StringAssert.Contains(line, " Fix: " , name);
        StringAssert.Contains(line, fix, name);
        Assert.AreEqual(before, Hash(output), $"{name}: the output folder changed");
        Assert.AreEqual(string.Empty, stdout.ToString(), name);
    }

    private static string Hash(string dir) => string.Join('\n', Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(f => f + ":" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));
}
