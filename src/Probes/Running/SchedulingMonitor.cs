using System.Globalization;

namespace Provisioning.Probes.Running;

/// <summary>What the probe measured of itself during one run.</summary>
/// <param name="WorstLateness">The latest any of its timers fired: the longest the probe could not act.</param>
/// <param name="LostTime">All lateness added up: time during which the probe could not have noticed an answer.</param>
/// <param name="RunTime">How long the measurement lasted.</param>
/// <param name="CpuThrottled">
/// Time the container's CPU quota held the process back (cgroup <c>cpu.stat</c>), when the platform exposes it; null
/// where it does not (no cgroup, or a host without a quota).
/// </param>
/// <param name="SmallestLimit">The smallest time limit of the run's checks: lateness of that size makes any limit unmeasurable.</param>
/// <param name="Excused">The checks whose time verdict the probe's own delay decided (reported skipped, kind Starved).</param>
public sealed record SchedulingSummary(TimeSpan WorstLateness, TimeSpan LostTime, TimeSpan RunTime, TimeSpan? CpuThrottled,
    TimeSpan SmallestLimit, IReadOnlyList<string> Excused)
{
    /// <summary>
    /// Lost time below which a time verdict stays the component's: a busy shared host delays timers by milliseconds to
    /// a few hundred of them, which the contract's limits (seconds) absorb; a second lost is the probe's own problem.
    /// </summary>
    public static readonly TimeSpan ExcuseFloor = TimeSpan.FromSeconds(1);

    /// <summary>"Probe starved": its own delay decided a verdict, or was as long as a whole time limit.</summary>
    public bool Starved => Excused.Count > 0 || WorstLateness >= SmallestLimit;

    public string Describe() =>
        $"its timers fired up to {Seconds(WorstLateness)} s late ({Seconds(LostTime)} s lost in {Seconds(RunTime)} s)"
        + (CpuThrottled is { } throttled ? $", the CPU quota held it back {Seconds(throttled)} s" : "");

    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture);
}

/// <summary>
/// Measures the probe's own scheduling delay during a run: a timer of <see cref="Tick"/> is awaited over and over and
/// each firing's lateness is kept with its time. Its continuation needs what every check needs to notice an answer (a
/// CPU slice and a thread-pool thread), so its lateness is the probe's own share of any time it measures: under CPU
/// starvation (a loaded node, a container at its CPU quota) or a starved thread pool it grows, on a healthy host it
/// stays at a few milliseconds. Costs one timer callback per tick.
/// </summary>
public sealed class SchedulingMonitor : IAsyncDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider clock;
    private readonly List<(long End, TimeSpan Late)> samples = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private readonly TaskCompletionSource<SchedulingSummary> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long started;
    private readonly TimeSpan? throttledAtStart;
    private long pendingSince;

    public SchedulingMonitor(TimeProvider clock)
    {
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        started = clock.GetTimestamp();
        pendingSince = started;
        throttledAtStart = CpuThrottling.Read();
        sampling = Task.Run(SampleAsync);
    }

    /// <summary>Completed by the runner once every other check has its result; <c>probe.scheduling</c> judges it.</summary>
    public Task<SchedulingSummary> Completion => completion.Task;

    private async Task SampleAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var tickStart = clock.GetTimestamp();
            Volatile.Write(ref pendingSince, tickStart);
            try
            {
                await Task.Delay(Tick, clock, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var end = clock.GetTimestamp();
            var late = clock.GetElapsedTime(tickStart, end) - Tick;
            lock (samples)
            {
                samples.Add((end, late > TimeSpan.Zero ? late : TimeSpan.Zero));
            }
        }
    }

    /// <summary>
    /// The lateness that fell between two timestamps of <see cref="TimeProvider.GetTimestamp"/>: a late firing at
    /// <c>end</c> stands for the probe being unable to act from <c>end - late</c> to <c>end</c>; a tick still waiting at
    /// <paramref name="to"/> counts as late by as much as it has overdue.
    /// </summary>
    public (TimeSpan Lost, TimeSpan Worst) Between(long from, long to)
    {
        var lost = TimeSpan.Zero;
        var worst = TimeSpan.Zero;
        List<(long End, TimeSpan Late)> copy;
        lock (samples)
        {
            copy = [.. samples];
        }
        var pendingDue = Volatile.Read(ref pendingSince) + Ticks(Tick);
        if (pendingDue < to)
        {
            copy.Add((to, clock.GetElapsedTime(pendingDue, to)));
        }
        foreach (var (end, late) in copy)
        {
            var lateFrom = end - Ticks(late);
            var overlapStart = Math.Max(lateFrom, from);
            var overlapEnd = Math.Min(end, to);
            if (overlapEnd > overlapStart)
            {
                lost += clock.GetElapsedTime(overlapStart, overlapEnd);
                worst = late > worst ? late : worst;
            }
        }
        return (lost, worst);
    }

    /// <summary>Ends the measurement and hands <c>probe.scheduling</c> its summary.</summary>
    public SchedulingSummary Complete(TimeSpan smallestLimit, IReadOnlyList<string> excused)
    {
        var now = clock.GetTimestamp();
        var (lost, worst) = Between(started, now);
        var throttled = CpuThrottling.Read() is { } end && throttledAtStart is { } start && end >= start ? end - start : (TimeSpan?)null;
        var summary = new SchedulingSummary(worst, lost, clock.GetElapsedTime(started, now), throttled, smallestLimit, excused);
        completion.TrySetResult(summary);
        return summary;
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await sampling.ConfigureAwait(false);
        stop.Dispose();
    }
}

/// <summary>The time a cgroup CPU quota held this process's cgroup back, as the kernel counts it.</summary>
internal static class CpuThrottling
{
    public static TimeSpan? Read()
    {
        try
        {
            foreach (var (path, field, ticksPerUnit) in Sources())
            {
                if (!File.Exists(path))
                {
                    continue;
                }
                foreach (var line in File.ReadLines(path))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length == 2 && parts[0] == field && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    {
                        return TimeSpan.FromTicks((long)(value * ticksPerUnit));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Unreadable here: the lateness of the timers still tells.
        }
        return null;
    }

    /// <summary>
    /// The process's own cgroup from /proc/self/cgroup (in a container with a cgroup namespace, as in Container Apps,
    /// that is the root of the mount): v2 counts microseconds in cpu.stat's throttled_usec, v1 nanoseconds in throttled_time.
    /// </summary>
    private static IEnumerable<(string Path, string Field, double TicksPerUnit)> Sources()
    {
        const string own = "/proc/self/cgroup";
        var lines = File.Exists(own) ? File.ReadAllLines(own) : [];
        foreach (var line in lines)
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }
            var relative = parts[2].TrimStart('/');
            if (parts[0] == "0" && parts[1].Length == 0)
            {
                yield return (Path.Combine("/sys/fs/cgroup", relative, "cpu.stat"), "throttled_usec", TimeSpan.TicksPerMillisecond / 1000.0);
            }
            else if (parts[1].Split(',').Contains("cpu"))
            {
                yield return (Path.Combine("/sys/fs/cgroup", parts[1], relative, "cpu.stat"), "throttled_time", TimeSpan.TicksPerMillisecond / 1_000_000.0);
            }
        }
    }
}
