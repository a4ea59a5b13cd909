using System.Diagnostics;

namespace Provisioning.TestSupport;

/// <summary>A program run to its end by a test: exit code and both streams, killed (with its children) past its budget.</summary>
public static class ChildRun
{
    /// <returns>The exit code (-1 when the budget ran out), standard output and standard error.</returns>
    public static (int ExitCode, string Output, string Error) Run(string file, IEnumerable<string> arguments, TimeSpan budget,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(budget))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, output.Result, error.Result + $"{Environment.NewLine}{file} did not finish within {budget}");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
