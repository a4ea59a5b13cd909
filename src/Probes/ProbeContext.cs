namespace Provisioning.Probes;

/// <summary>What every check of one run shares: one HttpClient, the settings and a clock.</summary>
/// <param name="Http">
/// Shared by all checks (and the MCP client) so a run opens few connections; its own Timeout should be
/// infinite because the runner enforces the per-check timeout and the run deadline.
/// </param>
public sealed record ProbeContext(HttpClient Http, ProbeSettings Settings, TimeProvider Clock)
{
    /// <summary>The run's measurement of the probe's own timers; set by <see cref="ProbeRunner"/> for the checks it runs.</summary>
    public Running.SchedulingMonitor? Scheduling { get; init; }

    public ProbeContext(HttpClient http, ProbeSettings settings) : this(http, settings, TimeProvider.System)
    {
    }
}
