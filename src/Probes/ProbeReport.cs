namespace Provisioning.Probes;

/// <summary>The results of one run, in the order the checks were given.</summary>
public sealed record ProbeReport(DateTimeOffset StartedAt, TimeSpan Duration, IReadOnlyList<CheckResult> Results)
{
    /// <summary>Every check that ran passed; checks not run from where the probe runs judge nothing either way.</summary>
    public bool AllPassed => Results.All(r => r.Outcome is CheckOutcome.Pass or CheckOutcome.NotRun);

    /// <summary>How late the probe's own timers fired during the run (null when the runner did not measure it).</summary>
    public Running.SchedulingSummary? Scheduling { get; init; }

    public IEnumerable<CheckResult> NotRun => Results.Where(r => r.Outcome == CheckOutcome.NotRun);

    public bool HasSecurityFailure => Results.Any(r => r.Outcome == CheckOutcome.SecurityFail);

    /// <summary>The worst outcome: SecurityFail over Fail over Skipped over Pass (NotRun counts as nothing).</summary>
    public CheckOutcome Overall =>
        HasSecurityFailure ? CheckOutcome.SecurityFail
        : Results.Any(r => r.Outcome == CheckOutcome.Fail) ? CheckOutcome.Fail
        : Results.Any(r => r.Outcome == CheckOutcome.Skipped) ? CheckOutcome.Skipped
        : CheckOutcome.Pass;

    public CheckResult this[string name] => Results.Single(r => r.Name == name);
}
