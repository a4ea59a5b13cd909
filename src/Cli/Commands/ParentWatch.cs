using System.Globalization;

namespace Provisioning.Cli.Commands;

/// <summary>
/// Notices when the process that started this one has gone: `dotnet run` passes SIGINT and SIGTERM on to the program it
/// runs, but not a hangup, and dies of it, so the program is re-parented and would run on with every child it started.
/// Polling the parent's id is the portable way to see that (Linux's PR_SET_PDEATHSIG fires when the parent's
/// *thread* ends, which in a .NET parent can be any thread-pool thread).
/// </summary>
internal static class ParentWatch
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Cancels <paramref name="stop"/> once the parent process has exited; ends with <paramref name="cancellationToken"/>.</summary>
    public static async Task RunAsync(CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var parent = GetParentProcessId();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
                if (GetParentProcessId() != parent)
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped with the command: nothing to watch any more.
        }
    }

    /// <summary>The parent's id from /proc/self/stat: the field after the state, which follows the parenthesised name.</summary>
    private static int GetParentProcessId()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], CultureInfo.InvariantCulture);
    }
}
