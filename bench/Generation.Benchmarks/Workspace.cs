namespace Provisioning.Generation.Benchmarks;

/// <summary>A temporary copy of the repository's env/ and a fresh output folder, so benchmarks never touch generated/.</summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "generation-bench", Guid.NewGuid().ToString("N"));
        EnvironmentDirectory = Path.Combine(Root, "env");
        OutputDirectory = Path.Combine(Root, "generated");
        var source = Path.Combine(RepositoryRoot(), "env");
        Directory.CreateDirectory(EnvironmentDirectory);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(EnvironmentDirectory, Path.GetFileName(file)));
        }
    }

    public string Root { get; }
    public string EnvironmentDirectory { get; }
    public string OutputDirectory { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioning.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository (no Provisioning.sln above " + AppContext.BaseDirectory + ").");
    }
}
