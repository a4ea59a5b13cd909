namespace Provisioning.Local;

/// <summary>
/// The real EF Core migration bundle, built from src/Database with the repository's pinned dotnet-ef (as
/// scripts/build-bundle.sh does) and run as a process with the migrate component's variables, as the job runs it.
/// </summary>
public static class MigrationBundle
{
    /// <param name="noBuild">
    /// Reuse src/Database's existing build output in <paramref name="configuration"/> (tests, whose own build has just
    /// compiled it); otherwise dotnet-ef builds it first.
    /// </param>
    public static async Task<string> BuildAsync(LocalPaths paths, string outputPath, string configuration, bool noBuild,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        var quiet = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1", [SettingNames.DatabaseUrl] = null };
        await RequireAsync(ChildCommand.RunAsync("dotnet", ["tool", "restore"], TimeSpan.FromMinutes(3), quiet, paths.RepositoryRoot, cancellationToken),
            "dotnet tool restore").ConfigureAwait(false);
        List<string> args = ["ef", "migrations", "bundle", "--project", paths.DatabaseProject, "--configuration", configuration,
            "--output", outputPath, "--force"];
        if (noBuild)
        {
            args.Add("--no-build");
        }
        await RequireAsync(ChildCommand.RunAsync("dotnet", args, TimeSpan.FromMinutes(6), quiet, paths.RepositoryRoot, cancellationToken),
            "dotnet ef migrations bundle").ConfigureAwait(false);
        return outputPath;
    }

    /// <summary>Runs the bundle with exactly the given variables for the contract's names (nothing inherited leaks in).</summary>
    public static Task<CommandResult> RunAsync(string bundlePath, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var environment = LocalComponentVariables.AllNames.ToDictionary(n => n, string? (_) => null);
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }
        // The job's default connect budget is 120 s; a local server is up or it is not.
        environment["MIGRATE_CONNECT_TIMEOUT_SECONDS"] = "20";
        return ChildCommand.RunAsync(bundlePath, [], TimeSpan.FromMinutes(2), environment, cancellationToken: cancellationToken);
    }

    private static async Task RequireAsync(Task<CommandResult> run, string what)
    {
        var result = await run.ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
        }
    }
}
