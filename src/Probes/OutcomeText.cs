namespace Provisioning.Probes;

/// <summary>The contract's spelling of outcomes (pass, fail, security-fail, skipped, not-run), used in telemetry, JSON and tables.</summary>
public static class OutcomeText
{
    public static string Of(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "pass",
        CheckOutcome.Fail => "fail",
        CheckOutcome.SecurityFail => "security-fail",
        CheckOutcome.Skipped => "skipped",
        CheckOutcome.NotRun => "not-run",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
