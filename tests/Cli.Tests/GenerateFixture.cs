using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Provisioning.Cli.Commands;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests;

/// <summary>Runs the generate command in process against temporary copies of env/ and generated/.</summary>
internal static class GenerateFixture
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApplication.Invoke(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Copies of the repository's env/ and generated/: generated/ holds the committed states the guard compares with.</summary>
    public static (string Env, string Out) CopyRepositoryFolders()
    {
        var dir = TestFolders.NewTemp("generate");
        TestFolders.Copy(Path.Combine(TestFolders.RepositoryRoot, "env"), Path.Combine(dir, "env"));
        TestFolders.Copy(Path.Combine(TestFolders.RepositoryRoot, "generated"), Path.Combine(dir, "generated"));
        return (Path.Combine(dir, "env"), Path.Combine(dir, "generated"));
    }

    public static Dictionary<string, string> HashTree(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    public static void EditEnvironment(string envDir, string name, Action<JsonObject> edit)
    {
        var path = Path.Combine(envDir, name + ".json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>The stderr line refusing <paramref name="path"/> of resource <paramref name="symbol"/> in <paramref name="environment"/>, or null.</summary>
    public static string? RefusalLine(string stderr, string environment, string symbol, string path) =>
        stderr.Split('\n').FirstOrDefault(l =>
            l.Contains($"{environment}.json: ", StringComparison.Ordinal) &&
            l.Contains($"'{symbol}'", StringComparison.Ordinal) &&
            l.Contains($"): {path} ", StringComparison.Ordinal));

    /// <summary>The committed state's value at a body path of one resource.</summary>
    public static JsonNode? StateValue(string outDir, string environment, string symbol, params string[] path)
    {
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, environment, "main.state.json")))!;
        JsonNode? node = state["resources"]!.AsArray().Single(r => (string?)r!["symbolicName"] == symbol)!["body"];
        foreach (var segment in path)
        {
            node = node?[segment];
        }
        return node;
    }
}
