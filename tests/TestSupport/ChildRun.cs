using System.Diagnostics;

namespace Provisioning.TestSupport;

/// <summary>A program run to its end by a test: exit code and both streams, killed (with its children) past its budget.</summary>
public static class ChildRun
{
    /// <param name="environment">Set on top of the inherited environment.</param>
    /// <param name="inheritOnly">When given, the only variables kept from this process (a hermetic run: nothing a developer exported reaches the child).</param>
    /// <returns>The exit code (-1 when the budget ran out), standard output and standard error.</returns>
    public static (int ExitCode, string Output, string Error) Run(string file, IEnumerable<string> arguments, TimeSpan budget,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyCollection<string>? inheritOnly = null)
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
        if (inheritOnly is not null)
        {
            foreach (var name in start.Environment.Keys.Where(k => !inheritOnly.Contains(k)).ToList())
            {
                start.Environment.Remove(name);
            }
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
