using Provisioning.Environments.Model;

namespace Provisioning.Local;

/// <summary>Where the repository's pieces are: the fixtures the local stack runs and the database project.</summary>
public sealed record LocalPaths(string RepositoryRoot)
{
    public string FixturesDirectory => Path.Combine(RepositoryRoot, "tests", "Fixtures");
    public string McpDirectory => FixtureOf(TodoSystem.Mcp);

    /// <summary>The reference implementation of <paramref name="component"/> the local stack runs.</summary>
    public string FixtureOf(string component) => Path.Combine(FixturesDirectory, component);
    public string DatabaseProject => Path.Combine(RepositoryRoot, "src", "Database");

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds Provisioning.sln.</summary>
    public static LocalPaths Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioning.sln")))
            {
                return new LocalPaths(dir.FullName);
            }
        }
        throw new InvalidOperationException($"Provisioning.sln was not found at or above {start}; run from inside the repository.");
    }
}
