using System.Diagnostics;
using Provisioning.TestSupport;

namespace Provisioning.Database.Tests;

/// <summary>What one run of the real bundle executable did. <see cref="Output"/> is stdout and stderr together.</summary>
public sealed record BundleRun(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>
/// The real migration bundle (<c>dotnet ef migrations bundle</c> from the repository's tool manifest), built once per
/// test run by <see cref="AssemblyFixture"/>, and run as a separate process exactly as the job image runs it.
/// </summary>
public static class MigrationBundle
{
    public static string ExecutablePath { get; private set; } = string.Empty;

    public static string RepositoryRoot { get; } = TestFolders.RepositoryRoot;

    internal static void Build()
    {
        var output = Path.Combine(Path.GetTempPath(), "provisioning-efbundle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        var exe = Path.Combine(output, "efbundle");
        Run("dotnet", ["tool", "restore"], TimeSpan.FromMinutes(3));
        // --no-build: this test project's own build has just compiled src/Database in the same configuration.
        Run("dotnet", ["ef", "migrations", "bundle", "--project", Path.Combine("src", "Database"), "--no-build",
            "--configuration", Configuration, "--output", exe, "--force"], TimeSpan.FromMinutes(5));
        ExecutablePath = exe;
    }

    internal static void Delete()
    {
        if (ExecutablePath.Length > 0)
        {
            Directory.Delete(Path.GetDirectoryName(ExecutablePath)!, recursive: true);
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>
    /// Runs the bundle with exactly the given environment variables for DATABASE_URL and friends (nothing inherited
    /// from the test process can leak in). A run that does not end within <paramref name="limit"/> fails the test:
    /// that is how tests check "bounded time" without asserting on wall-clock durations.
    /// </summary>
    public static BundleRun Run(string? databaseUrl, IReadOnlyDictionary<string, string>? environment = null, string[]? args = null, TimeSpan? limit = null) =>
        RunAsync(databaseUrl, environment, args, limit).GetAwaiter().GetResult();

    public static async Task<BundleRun> RunAsync(string? databaseUrl, IReadOnlyDictionary<string, string>? environment = null, string[]? args = null, TimeSpan? limit = null)
    {
        using var process = Process.Start(StartInfo(databaseUrl, environment, args)) ?? throw new InvalidOperationException("could not start the bundle");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the bundle did not finish within {limit ?? TimeSpan.FromSeconds(90)}:\n{await stdout}{await stderr}");
        }
        return new BundleRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The variables the bundle reads; none of them is inherited from the test process.</summary>
    private static readonly string[] JobVariables =
    [
        "DATABASE_URL", "MIGRATE_CONNECT_TIMEOUT_SECONDS", "DATABASE_ADMIN_URL",
        "TODO_APP_DATABASE_PASSWORD", "TODO_PROBE_DATABASE_PASSWORD", "TODO_APP_DATABASE_ROLE", "TODO_PROBE_DATABASE_ROLE",
    ];

    /// <summary>How the bundle is started; exposed for tests that must kill it while it runs.</summary>
    public static ProcessStartInfo StartInfo(string? databaseUrl, IReadOnlyDictionary<string, string>? environment = null, string[]? args = null)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args ?? [])
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var variable in JobVariables)
        {
            start.Environment.Remove(variable);
        }
        if (databaseUrl is not null)
        {
            start.Environment["DATABASE_URL"] = databaseUrl;
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return start;
    }

    private static void Run(string executable, string[] args, TimeSpan limit)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("DATABASE_URL");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', args)} did not finish within {limit}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{executable} {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout.GetAwaiter().GetResult()}{stderr.GetAwaiter().GetResult()}");
        }
    }
}
