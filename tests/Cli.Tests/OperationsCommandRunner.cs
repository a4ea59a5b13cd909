using System.CommandLine;
using System.Text.Json.Nodes;
using Provisioning.Cli.Commands;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests;

/// <summary>Runs plan, diff and estimate as the program does, on temporary copies of env/ and generated/.</summary>
internal static class OperationsCommandRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApplication.Invoke(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    public static (string Env, string Generated) CopyRepository(string purpose)
    {
        var dir = TestFolders.NewTemp(purpose);
        TestFolders.Copy(Path.Combine(TestFolders.RepositoryRoot, "env"), Path.Combine(dir, "env"));
        TestFolders.Copy(Path.Combine(TestFolders.RepositoryRoot, "generated"), Path.Combine(dir, "generated"));
        return (Path.Combine(dir, "env"), Path.Combine(dir, "generated"));
    }

    /// <summary>Edits one value in env/&lt;name&gt;.json as a person would: the rest of the file stays as it is.</summary>
    public static void Edit(string envDir, string name, string section, string key, JsonNode value)
    {
        var path = Path.Combine(envDir, name + ".json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json[section]![key] = value;
        File.WriteAllText(path, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}
