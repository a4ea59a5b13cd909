using System.Text.Json.Nodes;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests;

/// <summary>The repository's env/ and generated/ folders, and temporary copies of env/ for tests that edit them.</summary>
internal static class EnvironmentFiles
{
    public static string RepositoryRoot => TestFolders.RepositoryRoot;

    public static string EnvironmentDirectory => Path.Combine(RepositoryRoot, "env");

    public static string GeneratedDirectory => Path.Combine(RepositoryRoot, "generated");

    /// <summary>A temporary copy of env/ (all environments plus the schema).</summary>
    public static string CopyToTemp()
    {
        var dir = Path.Combine(TestFolders.NewTemp("env"), "env");
        TestFolders.Copy(EnvironmentDirectory, dir);
        return dir;
    }

    /// <summary>Applies <paramref name="edit"/> to the JSON of <c>&lt;environment&gt;.json</c> in <paramref name="dir"/>.</summary>
    public static void Edit(string dir, string environment, Action<JsonObject> edit)
    {
        var path = Path.Combine(dir, environment + ".json");
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(node);
        File.WriteAllText(path, node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}
