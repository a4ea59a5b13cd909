namespace Provisioning.Probes;

/// <summary>One check's result: what docs/contract.md says every result carries, plus the failure class.</summary>
/// <param name="Name">The check name, e.g. <c>backend.auth.rejects</c>.</param>
/// <param name="Component">The component judged: frontend, backend, mcp or database.</param>
/// <param name="Outcome">Pass, Fail, SecurityFail or Skipped.</param>
/// <param name="Kind">The class of problem; <see cref="FailureKind.None"/> when the check passed.</param>
/// <param name="Duration">Wall time the check took (for skipped checks: the time it ran before being judged).</param>
/// <param name="Reason">One line a person can act on; never contains a secret.</param>
public sealed record CheckResult(string Name, string Component, CheckOutcome Outcome, FailureKind Kind, TimeSpan Duration, string Reason)
{
    public bool Passed => Outcome == CheckOutcome.Pass;
}
