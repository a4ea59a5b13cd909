using System.Text.Json.Nodes;

namespace Provisioning.Environments.Tests;

/// <summary>Copies of the repository's env/ folder in temporary folders, for tests that edit them.</summary>
internal static class EnvironmentFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string EnvironmentDirectory => Path.Combine(RepositoryRoot, "env");

    public static string GeneratedDirectory => Path.Combine(RepositoryRoot, "generated");

    /// <summary>A temporary copy of env/ (all environments plus the schema).</summary>
    public static string CopyToTemp()
    {
        var dir = Path.Combine(Path.GetTempPath(), "env-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.EnumerateFiles(EnvironmentDirectory))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }
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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioning.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Provisioning.sln not found above " + AppContext.BaseDirectory);
    }
}
