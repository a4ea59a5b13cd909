using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Provisioning.Bicep.Tooling;

/// <summary>One diagnostic line printed by the Bicep CLI, e.g. <c>main.bicep(3,7) : Error no-unused-params: …</c>.</summary>
public sealed record BicepDiagnostic(string File, int Line, int Column, string Level, string Code, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}) {Level} {Code}: {Message}";
}

/// <summary>What one Bicep CLI process did.</summary>
public sealed record BicepProcessResult(int ExitCode, string StandardOutput, string StandardError, IReadOnlyList<BicepDiagnostic> Diagnostics)
{
    public bool Clean => ExitCode == 0 && Diagnostics.Count == 0;
}

/// <summary>
/// Runs the Bicep CLI (the binary of the NuGet package Azure.Bicep.CommandLine.linux-x64) as one process. Starting it
/// costs over a second, so callers give it many files at once (<c>--pattern</c>) rather than one process per file.
/// </summary>
public sealed partial class BicepProcess(string executablePath)
{
    /// <summary>The strict configuration every generated file must pass: each linter rule that applies is an error.</summary>
    public const string StrictConfigFileName = "bicepconfig.json";

    public string ExecutablePath { get; } = executablePath;

    /// <summary>
    /// Runs <c>bicep <paramref name="args"/></c> in <paramref name="workingDirectory"/>. The process sees only
    /// <paramref name="environment"/> plus what a process needs (PATH, HOME, TMPDIR, locale), so a variable the caller
    /// happens to have exported cannot change what readEnvironmentVariable() finds; telemetry is off.
    /// </summary>
    public BicepProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var inherited = start.Environment.Where(e => e.Key is "PATH" or "HOME" or "TMPDIR" or "LANG" or "LC_ALL").ToList();
        start.Environment.Clear();
        foreach (var (key, value) in inherited)
        {
            start.Environment[key] = value;
        }
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s");
        }
        var output = stdout.GetAwaiter().GetResult();
        var error = stderr.GetAwaiter().GetResult();
        return new BicepProcessResult(process.ExitCode, output, error, ParseDiagnostics(error + "\n" + output));
    }

    public static IReadOnlyList<BicepDiagnostic> ParseDiagnostics(string output) =>
        DiagnosticLine().Matches(output ?? "")
            .Select(m => new BicepDiagnostic(
                m.Groups["file"].Value,
                int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["col"].Value, CultureInfo.InvariantCulture),
                m.Groups["level"].Value,
                m.Groups["code"].Value,
                m.Groups["message"].Value.Trim()))
            .ToList();

    /// <summary>Makes a binary NuGet extracted without the execute bit runnable (NuGet does not keep file modes).</summary>
    public static string EnsureExecutable(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
            }
        }
        return path;
    }

    [GeneratedRegex(@"^(?<file>.+?)\((?<line>\d+),(?<col>\d+)\) : (?<level>Error|Warning|Info) (?<code>[^:]+): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();
}
