using System.Diagnostics;
using System.Globalization;

namespace Provisioning.Cli.Validation;

/// <summary>
/// Shows that a slow step is alive: on a terminal, a line whose elapsed time ticks once the step has taken a second;
/// when output is redirected (a pipeline log), one plain line when the step starts and one when it ends.
/// </summary>
internal static class StepProgress
{
    private static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    public static T Run<T>(TextWriter output, bool interactive, string label, Func<T> step)
    {
        var clock = Stopwatch.StartNew();
        if (!interactive)
        {
            output.WriteLine(label + "…");
            var value = step();
            output.WriteLine($"{label}: done in {Seconds(clock.Elapsed)} s");
            return value;
        }

        using var done = new ManualResetEventSlim();
        var shown = false;
        var ticker = Task.Run(() =>
        {
            if (done.Wait(ShowAfter))
            {
                return;
            }
            do
            {
                shown = true;
                output.Write($"\r{label}… {Seconds(clock.Elapsed)} s ");
                output.Flush();
            }
            while (!done.Wait(Tick));
        });
        try
        {
            return step();
        }
        finally
        {
            done.Set();
            ticker.GetAwaiter().GetResult();
            if (shown)
            {
                output.WriteLine($"\r{label}: done in {Seconds(clock.Elapsed)} s ");
            }
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
