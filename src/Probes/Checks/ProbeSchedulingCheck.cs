namespace Provisioning.Probes.Checks;

/// <summary>
/// <c>probe.scheduling</c>: the probe's own health. It calls nothing; it judges the run's measurement of the probe's
/// own timers (<see cref="Running.SchedulingMonitor"/>) once every other check has its result, and fails as
/// "probe starved" when that delay decided a time verdict or was as long as a whole time limit. The component checks
/// it excused are reported skipped (kind Starved), so the alert goes to the probe's size, not to a component.
/// </summary>
public sealed class ProbeSchedulingCheck : IProbeCheck
{
    public string Name => CheckNames.ProbeScheduling;
    public IReadOnlyList<string> DependsOn => [];
    public bool ObservesRun => true;

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var monitor = context.Scheduling
            ?? throw new InvalidOperationException($"{Name} judges a run of ProbeRunner, which measures the probe's timers; it cannot run alone");
        var summary = await monitor.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (summary.Excused.Count > 0)
        {
            return CheckVerdict.Fail(FailureKind.Starved,
                $"probe starved: {summary.Describe()}, enough to decide the time verdict of {string.Join(", ", summary.Excused)}, which are reported skipped; " +
                "give the probe more CPU (probe.cpu in env/<env>.json; docs/probes.md gives the smallest size that keeps the limits)");
        }
        if (summary.WorstLateness >= summary.SmallestLimit)
        {
            return CheckVerdict.Fail(FailureKind.Starved,
                $"probe starved: {summary.Describe()}, as long as the {Running.SchedulingSummary.Seconds(summary.SmallestLimit)} s time limit of a check, so no limit was measurable; " +
                "give the probe more CPU (probe.cpu in env/<env>.json)");
        }
        return CheckVerdict.Pass($"the probe ran on time: {summary.Describe()}");
    }
}
