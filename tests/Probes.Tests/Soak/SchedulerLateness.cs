using System.Diagnostics;

namespace Provisioning.Probes.Tests.Soak;

/// <summary>
/// How late this process's timers fire while the soak runs: a timer of 20 ms is awaited over and over, and the worst
/// overshoot is kept. A run can only end in time if its deadline timer fires in time, so a run's allowance beyond its
/// deadline is derived from what the machine delivered, not fixed: on a quiet machine the lateness is a few
/// milliseconds and the fixed floor decides; starved by other processes, the measured lateness does.
/// </summary>
internal sealed class SchedulerLateness : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long worstTicks;

    public SchedulerLateness() => sampling = Task.Run(SampleAsync);

    /// <summary>The worst lateness of a timer seen so far.</summary>
    public TimeSpan Worst => TimeSpan.FromTicks(Interlocked.Read(ref worstTicks));

    private async Task SampleAsync()
    {
        var clock = new Stopwatch();
        while (!stop.IsCancellationRequested)
        {
            clock.Restart();
            try
            {
                await Task.Delay(Tick, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var late = (clock.Elapsed - Tick).Ticks;
            long seen;
            while (late > (seen = Interlocked.Read(ref worstTicks)) && Interlocked.CompareExchange(ref worstTicks, late, seen) != seen)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await sampling.ConfigureAwait(false);
        stop.Dispose();
    }
}
