namespace Provisioning.Probes;

/// <summary>The results of one run, in the order the checks were given.</summary>
public sealed record ProbeReport(DateTimeOffset StartedAt, TimeSpan Duration, IReadOnlyList<CheckResult> Results)
{
    public bool AllPassed => Results.All(r => r.Outcome == CheckOutcome.Pass);

    public bool HasSecurityFailure => Results.Any(r => r.Outcome == CheckOutcome.SecurityFail);

    /// <summary>The worst outcome: SecurityFail over Fail over Skipped over Pass.</summary>
    public CheckOutcome Overall =>
        HasSecurityFailure ? CheckOutcome.SecurityFail
        : Results.Any(r => r.Outcome == CheckOutcome.Fail) ? CheckOutcome.Fail
        : Results.Any(r => r.Outcome == CheckOutcome.Skipped) ? CheckOutcome.Skipped
        : CheckOutcome.Pass;

    public CheckResult this[string name] => Results.Single(r => r.Name == name);
}
