using System.Reflection;
using Provisioning.Bicep.Tooling;

namespace Provisioning.TestSupport;

/// <summary>What one Bicep CLI process did.</summary>
public sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError, IReadOnlyList<BicepDiagnostic> Diagnostics)
{
    /// <summary>Fails the calling test unless the run succeeded with no diagnostic of any level.</summary>
    public BicepRun AssertClean()
    {
        if (ExitCode != 0 || Diagnostics.Count > 0)
        {
            throw new AssertFailedException(
                $"bicep exited {ExitCode} with {Diagnostics.Count} diagnostic(s):\n" +
                string.Join('\n', Diagnostics) + "\n" + StandardError);
        }
        return this;
    }
}

/// <summary>
/// Runs the real Bicep CLI shipped in the NuGet package Azure.Bicep.CommandLine.linux-x64 (restored like any
/// package; nothing is downloaded at test time) under the strict bicepconfig.json beside this assembly, where
/// every linter rule that applies is an error.
/// </summary>
public static partial class BicepCli
{
    public static string ExecutablePath { get; } = FindExecutable();

    /// <summary>The strict configuration: copy it next to any file the CLI should judge, or pass it with --config.</summary>
    public static string StrictConfigPath { get; } = Path.Combine(AppContext.BaseDirectory, "bicepconfig.json");

    /// <summary>A fresh temporary folder holding the strict bicepconfig.json; the caller writes .bicep files into it.</summary>
    public static string CreateStrictWorkspace()
    {
        var dir = Path.Combine(Path.GetTempPath(), "bicep-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.Copy(StrictConfigPath, Path.Combine(dir, "bicepconfig.json"));
        return dir;
    }

    /// <summary>Compiles one Bicep text in a strict workspace and returns the run with the ARM JSON on stdout.</summary>
    public static BicepRun Build(string bicepText, string fileName = "main.bicep")
    {
        var dir = CreateStrictWorkspace();
        var file = Path.Combine(dir, fileName);
        File.WriteAllText(file, bicepText);
        return Run(new Dictionary<string, string>(), "build", file, "--stdout");
    }

    /// <summary>Compiles every file matching <paramref name="pattern"/> under <paramref name="directory"/> in one process (starting the CLI costs about 1.4 s).</summary>
    public static BicepRun BuildPattern(string directory, string pattern = "**/*.bicep") =>
        RunIn(directory, new Dictionary<string, string>(), "build", "--pattern", pattern);

    public static BicepRun Lint(string file) => Run(new Dictionary<string, string>(), "lint", file);

    /// <summary>
    /// Evaluates a .bicepparam offline and writes <c>&lt;name&gt;.snapshot.json</c> beside it. Secure parameters read
    /// with readEnvironmentVariable() get their test values from <paramref name="environment"/>.
    /// </summary>
    public static BicepRun Snapshot(string bicepParamFile, IReadOnlyDictionary<string, string> environment, params string[] extraArgs) =>
        Run(environment, ["snapshot", bicepParamFile, "--mode", "overwrite", .. extraArgs]);

    public static BicepRun Run(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunIn(Directory.GetCurrentDirectory(), environment, args);

    // The same runner `generate --validate` uses: hermetic environment (only what the test gives it, so an exported
    // JWT_SECRET_KEY cannot change what readEnvironmentVariable() finds), no telemetry, bounded time.
    private static BicepRun RunIn(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var result = Process.Run(workingDirectory, environment, TimeSpan.FromMinutes(3), args);
        return new BicepRun(result.ExitCode, result.StandardOutput, result.StandardError, result.Diagnostics);
    }

    public static IReadOnlyList<BicepDiagnostic> ParseDiagnostics(string output) => BicepProcess.ParseDiagnostics(output);

    private static readonly BicepProcess Process = new(ExecutablePath);

    private static string FindExecutable()
    {
        var baked = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        var path = string.IsNullOrEmpty(baked) ? null : Path.GetFullPath(baked.Replace('\\', '/'));
        if (path is null || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI was not found at '{path}'. Run 'dotnet restore' so the package Azure.Bicep.CommandLine.linux-x64 is restored.");
        }
        // NuGet extracts without the execute bit for group/other; make sure we can run it.
        return BicepProcess.EnsureExecutable(path);
    }
}
