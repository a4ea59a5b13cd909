using System.Globalization;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.Extensions.Logging;
using Provisioning.Probes;

namespace Provisioning.HealthProbe;

/// <summary>
/// Reports each check result as one Application Insights availability result and one structured log line.
/// The alert rules query exactly these fields; see docs/probes.md ("Telemetry") before renaming any of them.
/// No role name is set here: the Functions worker's FunctionsRoleEnvironmentTelemetryInitializer overwrites
/// Cloud.RoleName on every item with the WEBSITE_CLOUD_ROLENAME app setting (else the site name), so the probe
/// app's settings decide cloud_RoleName (see HealthProbeServices).
/// </summary>
public sealed partial class AvailabilityReporter(TelemetryClient telemetry, ILogger<AvailabilityReporter> logger, ProbeSettings settings)
{
    /// <summary>The run location: the probe runs inside the environment it checks.</summary>
    public string RunLocation => "probe-" + settings.Environment;

    public void Report(ProbeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var result in report.Results)
        {
            var item = new AvailabilityTelemetry
            {
                Name = result.Name,
                RunLocation = RunLocation,
                // Skipped counts as not available: its root cause failed, and "no data" must not look green.
                Success = result.Outcome == CheckOutcome.Pass,
                Duration = result.Duration,
                Message = result.Reason,
                Timestamp = report.StartedAt,
            };
            item.Properties["component"] = result.Component;
            item.Properties["outcome"] = Wire(result.Outcome);
            item.Properties["failureKind"] = result.Kind.ToString();
            item.Properties["environment"] = settings.Environment;
            telemetry.TrackAvailability(item);

            LogResult(Level(result.Outcome), result.Name, result.Component, Wire(result.Outcome), result.Kind.ToString(),
                Math.Round(result.Duration.TotalMilliseconds, 1), result.Reason, settings.Environment);
        }
        LogRun(report.Results.Count, Wire(report.Overall), Math.Round(report.Duration.TotalMilliseconds, 1),
            Math.Round((report.Scheduling?.WorstLateness ?? TimeSpan.Zero).TotalMilliseconds, 1));
    }

    private static string Wire(CheckOutcome outcome) => OutcomeText.Of(outcome);

    /// <summary>Failures are warnings and security failures errors, so log-based views can filter on level too.</summary>
    private static LogLevel Level(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => LogLevel.Information,
        CheckOutcome.SecurityFail => LogLevel.Error,
        _ => LogLevel.Warning,
    };

    [LoggerMessage(EventId = 1,
        Message = "Probe check {Check} ({Component}) {Outcome} [{FailureKind}] in {DurationMs} ms: {Reason} (environment {Environment})")]
    private partial void LogResult(LogLevel level, string check, string component, string outcome, string failureKind, double durationMs, string reason, string environment);

    // SchedulingDelayMs: the latest the probe's own timers fired in the run (probe.scheduling judges it), for dashboards
    // that want the trend before the "probe starved" alert fires.
    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Probe run finished: {Checks} checks, overall {Overall}, in {DurationMs} ms; probe timers up to {SchedulingDelayMs} ms late")]
    private partial void LogRun(int checks, string overall, double durationMs, double schedulingDelayMs);
}
