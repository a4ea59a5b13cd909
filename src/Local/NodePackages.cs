namespace Provisioning.Local;

/// <summary>The mcp fixture's npm packages, installed from its package-lock.json when missing (node_modules is not committed).</summary>
internal static class NodePackages
{
    public static async Task EnsureAsync(LocalPaths paths, TextWriter? progress, CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(paths.McpDirectory, "node_modules", "@modelcontextprotocol", "sdk")))
        {
            return;
        }
        progress?.WriteLine($"local: npm ci in {paths.McpDirectory}");
        var result = await ChildCommand.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5),
            workingDirectory: paths.McpDirectory, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {paths.McpDirectory} exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
        }
    }
}
