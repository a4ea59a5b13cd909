using System.Diagnostics;
using Provisioning.Deployment;

namespace Provisioning.Cli.Deploy;

/// <summary>What one <c>az</c> (or hook script) call answered.</summary>
internal sealed record CallAnswer(int ExitCode, string Output, string Error)
{
    public string Text => Output.Trim();

    /// <summary>The first lines of the error, for a one-line message.</summary>
    public string ErrorSummary => string.Join(" ", Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
}

/// <summary>
/// Runs the Azure CLI and the stage scripts of scripts/azd/ for the deployment. Every child gets the values the
/// earlier stages produced (<see cref="Values"/>: <c>DEPLOYED_*_IMAGE</c>, the registry…) on top of this process's
/// environment, and <c>DEPLOYMENT_STAGE</c>: which stage made the call, so a log (or the tests' stand-in) can tell.
/// </summary>
internal sealed class AzureCli(string repositoryRoot, TextWriter output, TextWriter error, string? toolFolder = null, IReadOnlyDictionary<string, string>? childEnvironment = null)
{
    private string Az => Tool("az");

    /// <summary>The command that runs a tool: its path in the tool folder, or its name (found on PATH).</summary>
    public string Tool(string name) => toolFolder is null ? name : Path.Combine(toolFolder, name);

    /// <summary>Values handed to every later call, as the parameter files read them (readEnvironmentVariable).</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public string RepositoryRoot => repositoryRoot;

    /// <summary>Runs az and captures its output.</summary>
    public Task<CallAnswer> CallAsync(string stage, IEnumerable<string> arguments, CancellationToken cancellationToken, string? workingDirectory = null) =>
        RunAsync(stage, Az, arguments, stream: false, workingDirectory, cancellationToken);

    /// <summary>Runs az and returns its trimmed output; a failure stops the stage with what failed and the fix.</summary>
    public async Task<string> RequireAsync(string stage, IEnumerable<string> arguments, string what, string fix, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(stage, arguments, cancellationToken).ConfigureAwait(false);
        return answer.ExitCode == 0
            ? answer.Text
            : throw new StageFailedException(1, $"{what} failed (exit {answer.ExitCode}): {answer.ErrorSummary}{Environment.NewLine}  Fix: {fix}");
    }

    /// <summary>Runs az with its output shown as it comes (a build log, a long deployment's errors).</summary>
    public Task<CallAnswer> StreamAsync(string stage, IEnumerable<string> arguments, CancellationToken cancellationToken, string? workingDirectory = null) =>
        RunAsync(stage, Az, arguments, stream: true, workingDirectory, cancellationToken);

    /// <summary>Runs scripts/azd/<paramref name="script"/> with /bin/sh, its output shown as it comes.</summary>
    public Task<CallAnswer> ScriptAsync(string stage, string script, IEnumerable<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null) =>
        RunAsync(stage, "/bin/sh", [Path.Combine(repositoryRoot, "scripts", "azd", script), .. arguments], stream: true, repositoryRoot, cancellationToken, settings);

    /// <summary>Runs another tool (azd) and captures its output.</summary>
    public Task<CallAnswer> RunToolAsync(string stage, string tool, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(stage, Tool(tool), arguments, stream: false, workingDirectory: null, cancellationToken);

    /// <summary>Whether az can be started at all.</summary>
    public bool IsInstalled() => toolFolder is not null
        ? File.Exists(Az)
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, "az")));

    private async Task<CallAnswer> RunAsync(string stage, string file, IEnumerable<string> arguments, bool stream, string? workingDirectory, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? repositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in (childEnvironment ?? new Dictionary<string, string>()).Concat(Values).Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }
        if (toolFolder is not null)
        {
            start.Environment["PATH"] = toolFolder + Path.PathSeparator + start.Environment["PATH"];
        }
        start.Environment["DEPLOYMENT_STAGE"] = stage;
        using var process = Process.Start(start) ?? throw new StageFailedException(1, $"{file} did not start");
        var outputText = Pump(process.StandardOutput, stream ? output : null);
        var errorText = Pump(process.StandardError, stream ? error : null);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CallAnswer(process.ExitCode, await outputText.ConfigureAwait(false), await errorText.ConfigureAwait(false));
    }

    private static async Task<string> Pump(StreamReader reader, TextWriter? echo)
    {
        var text = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            text.Append(line).Append('\n');
            if (echo is not null)
            {
                await echo.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
        return text.ToString();
    }
}
