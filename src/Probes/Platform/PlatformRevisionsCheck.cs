namespace Provisioning.Probes.Platform;

/// <summary>
/// <c>platform.revisions</c>: each app's latest revision is provisioned, running, healthy, active and takes traffic.
/// It names the failing revision and its state, which the HTTP checks cannot see (they only see that an app is down
/// or still on its previous revision).
/// </summary>
public sealed class PlatformRevisionsCheck(IPlatformReader reader, PlatformTargets targets) : IProbeCheck
{
    public string Name => CheckNames.PlatformRevisions;
    public IReadOnlyList<string> DependsOn => [];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var judged = await Task.WhenAll(targets.AppNames.Select(app => JudgeAsync(app, cancellationToken))).ConfigureAwait(false);
        var problems = judged.Where(j => !j.Passed).ToList();
        if (problems.Count == 0)
        {
            return CheckVerdict.Pass("latest revisions healthy: " + string.Join(", ", judged.Select(j => j.Reason)));
        }
        // A missing permission or a wrong name is the probe's own problem, whatever the apps are doing.
        var kind = problems.Any(p => p.Kind == FailureKind.Configuration) ? FailureKind.Configuration : FailureKind.Status;
        return CheckVerdict.Fail(kind, string.Join("; ", problems.Select(p => p.Reason)));
    }

    private async Task<(bool Passed, FailureKind Kind, string Reason)> JudgeAsync(string app, CancellationToken cancellationToken)
    {
        IReadOnlyList<AppRevision> revisions;
        try
        {
            revisions = await reader.GetRevisionsAsync(app, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmRequestException ex)
        {
            return (false, PlatformFailure.Kind(ex), PlatformFailure.Reason(ex));
        }
        var latest = revisions.OrderByDescending(r => r.CreatedTime ?? DateTimeOffset.MinValue).FirstOrDefault();
        if (latest is null)
        {
            return (false, FailureKind.Status, $"{app} has no revision (was it ever deployed?)");
        }
        var wrong = new List<string>();
        if (!Is(latest.ProvisioningState, "Provisioned"))
        {
            wrong.Add($"provisioningState {latest.ProvisioningState}" + (latest.ProvisioningError is { Length: > 0 } e ? $" ({e})" : ""));
        }
        if (!Is(latest.RunningState, "Running"))
        {
            wrong.Add($"runningState {latest.RunningState}");
        }
        if (!Is(latest.HealthState, "Healthy"))
        {
            wrong.Add($"healthState {latest.HealthState}");
        }
        if (!latest.Active)
        {
            wrong.Add("inactive");
        }
        else if (latest.TrafficWeight == 0)
        {
            wrong.Add("takes no traffic (an older revision still serves)");
        }
        if (wrong.Count == 0)
        {
            return (true, FailureKind.None, $"{app} {latest.Name}");
        }
        return (false, FailureKind.Status,
            $"{app}: latest revision {latest.Name} (created {PlatformMigrationCheck.Time(latest.CreatedTime)}) is {string.Join(", ", wrong)}; " +
            $"see az containerapp revision show -g {targets.ResourceGroup} -n {app} --revision {latest.Name} and its logs");
    }

    private static bool Is(string actual, string expected) => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);
}
