using System.Globalization;

namespace Provisioning.Probes.Platform;

/// <summary>
/// <c>platform.migration</c>: the migration job's latest execution succeeded and started after the latest deployment,
/// so the schema matches the code that deployment rolled out.
/// </summary>
public sealed class PlatformMigrationCheck(IPlatformReader reader, PlatformTargets targets) : IProbeCheck
{
    public string Name => CheckNames.PlatformMigration;
    public IReadOnlyList<string> DependsOn => [];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var job = targets.MigrationJobName;
        var start = $"az containerapp job start -g {targets.ResourceGroup} -n {job}";
        try
        {
            var deployedAt = targets.DeployedAt ?? await reader.GetJobLastModifiedAsync(job, cancellationToken).ConfigureAwait(false);
            var executions = await reader.GetJobExecutionsAsync(job, cancellationToken).ConfigureAwait(false);
            var latest = executions.OrderByDescending(e => e.StartTime ?? DateTimeOffset.MinValue).FirstOrDefault();
            if (latest is null)
            {
                return CheckVerdict.Fail(FailureKind.Status, $"not migrated: job {job} has never run; start it: {start}");
            }
            var started = Time(latest.StartTime);
            if (latest.Status is "Running" or "Processing")
            {
                return CheckVerdict.Fail(FailureKind.Status, $"migrating: the latest execution {latest.Name} of job {job} (started {started}) is still {latest.Status}");
            }
            if (!string.Equals(latest.Status, "Succeeded", StringComparison.OrdinalIgnoreCase))
            {
                return CheckVerdict.Fail(FailureKind.Status,
                    $"migration {latest.Status.ToLowerInvariant()}: the latest execution {latest.Name} of job {job} (started {started}) ended {latest.Status}; " +
                    $"read its logs (az containerapp job logs show -g {targets.ResourceGroup} -n {job} --execution {latest.Name}), fix, then {start}");
            }
            if (deployedAt is { } deployed && (latest.StartTime is null || latest.StartTime <= deployed))
            {
                return CheckVerdict.Fail(FailureKind.Status,
                    $"stale migration: the latest execution {latest.Name} of job {job} started {started}, before the latest deployment ({Time(deployed)}); " +
                    $"the deployed code may expect a newer schema: {start}");
            }
            return CheckVerdict.Pass($"execution {latest.Name} of job {job} succeeded (started {started}" +
                (deployedAt is { } d ? $", after the deployment at {Time(d)})" : ")"));
        }
        catch (ArmRequestException ex)
        {
            return PlatformFailure.Verdict(ex);
        }
    }

    internal static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "at an unknown time";
}
