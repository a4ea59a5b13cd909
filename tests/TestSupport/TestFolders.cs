namespace Provisioning.TestSupport;

/// <summary>The repository's root seen from a test, and throwaway copies of its folders for tests that change files.</summary>
public static class TestFolders
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>A new empty folder under the system temp folder.</summary>
    public static string NewTemp(string purpose)
    {
        var dir = Path.Combine(Path.GetTempPath(), "provisioning-tests", purpose, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> recursively, keeping the execute bits of scripts.</summary>
    public static void Copy(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(destination, File.GetUnixFileMode(file));
            }
        }
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
        throw new InvalidOperationException("Provisioning.sln was not found above " + AppContext.BaseDirectory);
    }
}
