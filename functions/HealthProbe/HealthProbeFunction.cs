using Microsoft.ApplicationInsights;
using Microsoft.Azure.Functions.Worker;
using Provisioning.Probes;

namespace Provisioning.HealthProbe;

/// <summary>The timer: run the library's checks, report them. Nothing else lives here.</summary>
public sealed class HealthProbeFunction(HttpClient http, ProbeSettings settings, IReadOnlyList<IProbeCheck> checks,
    AvailabilityReporter reporter, TelemetryClient telemetry)
{
    public const string Name = "HealthProbe";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger("%" + HostSettingNames.Schedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var report = await ProbeRunner.RunAsync(checks, new ProbeContext(http, settings), cancellationToken).ConfigureAwait(false);
        reporter.Report(report);
        // Availability results drive alerts: send them now rather than whenever the channel's buffer fills.
        await telemetry.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
