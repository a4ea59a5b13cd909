using System.Diagnostics;

namespace Provisioning.Local;

/// <summary>
/// One running component: a child process whose output goes to a log file, started when its health endpoint answers
/// and always killed (with its children) on stop.
/// </summary>
internal sealed class ComponentProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Process process;
    private readonly StreamWriter log;

    private ComponentProcess(ComponentLaunch launch, Process process, StreamWriter log)
    {
        Launch = launch;
        this.process = process;
        this.log = log;
    }

    public ComponentLaunch Launch { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Starts the process and waits until its health endpoint answers at all (any status: up, not healthy).</summary>
    public static async Task<ComponentProcess> StartAsync(ComponentLaunch launch, CancellationToken cancellationToken)
    {
        // A port freed a moment ago (restart) or taken by a stranger between pick and bind: retry a few times.
        for (var attempt = 1; ; attempt++)
        {
            var started = Start(launch);
            var ready = await started.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
            if (ready)
            {
                return started;
            }
            await started.DisposeAsync().ConfigureAwait(false);
            var tail = Tail(launch.LogPath);
            if (attempt < 4 && tail.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            throw new InvalidOperationException(
                $"{launch.Component} did not come up on 127.0.0.1:{launch.Port} within {ReadyLimit.TotalSeconds:0} s " +
                $"({launch.FileName} {string.Join(' ', launch.Arguments)}); last lines of {launch.LogPath}:{Environment.NewLine}{tail}");
        }
    }

    private static ComponentProcess Start(ComponentLaunch launch)
    {
        var start = new ProcessStartInfo(launch.FileName)
        {
            WorkingDirectory = launch.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Nothing of ours leaks in: no inherited contract variable, no fixture switch from the parent's environment.
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (LocalComponentVariables.AllNames.Contains(name) || name.StartsWith("FIXTURE_", StringComparison.Ordinal) || name is "PORT" or "HOST")
            {
                start.Environment.Remove(name);
            }
        }
        foreach (var (name, value) in launch.Variables)
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(new FileStream(launch.LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        log.WriteLine($"--- {DateTimeOffset.UtcNow:O} starting {launch.Component} on 127.0.0.1:{launch.Port}");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ComponentProcess(launch, process, log);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after the stop is of no interest.
            }
        }
    }

    private async Task<bool> WaitReadyAsync(CancellationToken cancellationToken)
    {
        var url = new Uri($"http://127.0.0.1:{Launch.Port}{Launch.HealthPath}");
        var attempts = (int)(ReadyLimit / PollInterval);
        for (var i = 0; i < attempts && !process.HasExited; i++)
        {
            try
            {
                using var response = await Http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the request's own timeout: still starting
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>Kills the process tree now: the fixtures keep no state worth a graceful shutdown.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        finally
        {
            process.Dispose();
            lock (log)
            {
                log.Dispose();
            }
        }
    }

    /// <summary>Last-resort kill from a process-exit handler (synchronous, no waiting).</summary>
    public void KillNow()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public static string Tail(string path, int lines = 15)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines)).TrimEnd();
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}
