using System.Globalization;
using System.Text.RegularExpressions;
using Provisioning.Bicep.Tooling;

namespace Provisioning.Cli.Validation;

/// <summary>What <c>generate --validate</c> found.</summary>
/// <param name="Files">The .bicep and .bicepparam files judged, relative to the folder.</param>
/// <param name="Diagnostics">Every diagnostic, with the file relative to the folder.</param>
internal sealed record ValidationReport(IReadOnlyList<string> Files, IReadOnlyList<BicepDiagnostic> Diagnostics, int ExitCode, string Output)
{
    public bool Clean => ExitCode == 0 && Diagnostics.Count == 0;
}

/// <summary>
/// Compiles and lints every .bicep and .bicepparam file under a folder with the real Bicep CLI under the strict
/// configuration, in one process (<c>bicep lint --pattern</c>: the compiler's full diagnostics plus every linter rule,
/// for both file kinds, without writing ARM JSON next to the files).
/// </summary>
internal static partial class GeneratedValidation
{
    public const string Pattern = "**/*.bicep*";

    /// <summary>
    /// Placeholder for secure parameters read with readEnvironmentVariable(): lint needs a value, never a real one, and
    /// checks it against the parameter's @minLength (32 for the JWT key), so it is long enough for every one.
    /// </summary>
    public const string PlaceholderValue = "validation-placeholder-not-a-secret";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The one Bicep invocation, relative to the folder it runs in.</summary>
    public static string[] Arguments => ["lint", "--pattern", Pattern, "--config", BicepExecutable.StrictConfigPath];

    public static ValidationReport Validate(string bicepPath, string folder)
    {
        var root = Path.GetFullPath(folder);
        var files = Directory.EnumerateFiles(root, "*.bicep*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".bicepparam", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal)
            .ToList();
        var result = new BicepProcess(bicepPath).Run(root, Placeholders(root), Timeout, Arguments);
        var diagnostics = result.Diagnostics
            .Select(d => d with { File = Path.GetRelativePath(root, Path.GetFullPath(d.File, root)) })
            // A .bicep file is judged on its own and again through the .bicepparam that uses it: one line each.
            .Distinct()
            .ToList();
        return new ValidationReport(files, diagnostics, result.ExitCode, (result.StandardError + result.StandardOutput).Trim());
    }

    /// <summary>Runs the validation for the CLI: progress, diagnostics with file and line, exit 0 or 1.</summary>
    public static int Run(string folder, TextWriter output, TextWriter error, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (bicep, problem) = BicepExecutable.Find();
        if (bicep is null)
        {
            error.WriteLine($"Cannot validate: {problem}.");
            return ExitCodes.InvalidInput;
        }
        var report = StepProgress.Run(output, interactive, "validating with the Bicep CLI (strict configuration)", () => Validate(bicep, folder));
        var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(folder));
        if (report.Clean)
        {
            output.WriteLine($"validated {report.Files.Count} files under {shown}: no diagnostics.");
            return ExitCodes.Success;
        }
        error.WriteLine($"Bicep reported {report.Diagnostics.Count} diagnostic(s) in {shown} (strict configuration):");
        foreach (var d in report.Diagnostics)
        {
            error.WriteLine($"  {Path.Combine(shown, d.File)}:{d.Line}:{d.Column}: {d.Level.ToLowerInvariant()} {d.Code}: {d.Message}");
        }
        if (report.Diagnostics.Count == 0)
        {
            // The CLI failed without a diagnostic line (a crash, an unreadable file): show what it said.
            error.WriteLine($"  bicep exited {report.ExitCode.ToString(CultureInfo.InvariantCulture)}: {report.Output}");
        }
        return ExitCodes.CheckFailed;
    }

    /// <summary>A placeholder for each variable the .bicepparam files under <paramref name="root"/> read.</summary>
    public static Dictionary<string, string> Placeholders(string root)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.bicepparam", SearchOption.AllDirectories))
        {
            foreach (Match match in EnvironmentRead().Matches(File.ReadAllText(file)))
            {
                values[match.Groups[1].Value] = PlaceholderValue;
            }
        }
        return values;
    }

    [GeneratedRegex(@"readEnvironmentVariable\(\s*'([^']+)'")]
    private static partial Regex EnvironmentRead();
}
