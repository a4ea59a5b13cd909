namespace Provisioning.Cli;

/// <summary>
/// Default locations of env/ and generated/: the repository root is the nearest folder above the working directory
/// that holds Provisioning.sln, so the tool works from any sub-folder of a clone.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root(string? start = null)
    {
        var directory = new DirectoryInfo(start ?? Directory.GetCurrentDirectory());
        for (var current = directory; current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, "Provisioning.sln")))
            {
                return current.FullName;
            }
        }
        return directory.FullName;
    }

    public static string EnvironmentDirectory => Path.Combine(Root(), "env");

    public static string GeneratedDirectory => Path.Combine(Root(), "generated");
}
