using System.CommandLine;
using System.Runtime.InteropServices;
using Provisioning.Local;

namespace Provisioning.Cli.Commands;

/// <summary>
/// <c>local up</c>: runs the whole stack on this machine (PostgreSQL, the real migration bundle, the contract reference
/// backend, mcp and frontend of tests/Fixtures) with the variables the environment model decides, prints the URLs and
/// the probe command, and stops everything on Ctrl+C.
/// </summary>
internal static class LocalCommand
{
    public static Command Create()
    {
        var bundle = new Option<string?>("--bundle") { Description = "A migration bundle built before (scripts/build-bundle.sh); default: build one now." };
        var env = CliOptions.Environment("Environment name; the probe reads as user probe-<env>.", "local");
        var up = new Command("up", "Starts PostgreSQL, migrates it with the bundle, starts backend, mcp and frontend on free loopback ports, prints the URLs and the probe command; Ctrl+C stops everything." + GenerateCommand.ErrorsAndExample("local up"));
        up.Options.Add(bundle);
        up.Options.Add(env);
        up.SetAction((parse, cancellationToken) => UpAsync(parse.GetValue(bundle), parse.GetValue(env)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));

        var local = new Command("local", "Runs a local rendering of an environment for trying things out by hand." + GenerateCommand.ErrorsAndExample("local up"));
        local.Subcommands.Add(up);
        return local;
    }

    private static async Task<int> UpAsync(string? bundlePath, string environmentName, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        LocalPaths paths;
        try
        {
            paths = LocalPaths.Find(Directory.GetCurrentDirectory());
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync("local up: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        // Our own signal handling: measured on this machine, SIGTERM ended the process at once (the runtime re-raised
        // it with the default action), leaving PostgreSQL and the components running. Handling it here makes Ctrl+C,
        // SIGTERM and a closed terminal all stop everything.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        // `dotnet run` dies of a hangup without passing it on: then this process is re-parented, and stops the same way.
        using var watching = new CancellationTokenSource();
        var parentWatch = ParentWatch.RunAsync(stop, watching.Token);

        var missing = await LocalPrerequisites.FindMissingAsync(stop.Token).ConfigureAwait(false);
        if (missing.Count > 0)
        {
            await error.WriteLineAsync($"local up: {missing.Count} prerequisite(s) missing; nothing was started.").ConfigureAwait(false);
            foreach (var problem in missing)
            {
                await error.WriteLineAsync($"  {problem}").ConfigureAwait(false);
            }
            return ExitCodes.InvalidInput;
        }

        // Every stage line carries the time since the start, so a long build reads as progress, not as a hang.
        using var progress = new ElapsedProgress(output);
        string? builtBundle = null;
        try
        {
            if (bundlePath is null)
            {
                await progress.WriteLineAsync("local: building the migration bundle (pass --bundle to reuse one; the first build takes minutes)").ConfigureAwait(false);
                builtBundle = Path.Combine(Directory.CreateTempSubdirectory("todo-local-bundle.").FullName, "efbundle");
                bundlePath = await MigrationBundle.BuildAsync(paths, builtBundle, "Release", noBuild: false, stop.Token).ConfigureAwait(false);
                await progress.WriteLineAsync("local: migration bundle built").ConfigureAwait(false);
            }
            await using var stack = await LocalStack.StartAsync(
                new LocalStackOptions(paths, Path.GetFullPath(bundlePath), environmentName, Progress: progress), stop.Token).ConfigureAwait(false);
            await progress.WriteLineAsync($"local: the stack is up after {progress.Elapsed.TotalSeconds:0.0} s").ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteAsync(LocalStackDescription.Write(stack)).ConfigureAwait(false);
            await output.FlushAsync(stop.Token).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await output.WriteLineAsync("local: stopping").ConfigureAwait(false);
            }
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await error.WriteLineAsync("local up: stopped before the stack was up; everything started was stopped").ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FileNotFoundException or TimeoutException or IOException)
        {
            await error.WriteLineAsync("local up: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }
        finally
        {
            if (builtBundle is not null)
            {
                Directory.Delete(Path.GetDirectoryName(builtBundle)!, recursive: true);
            }
            await watching.CancelAsync().ConfigureAwait(false);
            await parentWatch.ConfigureAwait(false);
        }
    }
}
