namespace Provisioning.Probes;

/// <summary>What a check concluded, before the runner adds name, component and duration.</summary>
public sealed record CheckVerdict(CheckOutcome Outcome, FailureKind Kind, string Reason)
{
    public static CheckVerdict Pass(string reason) => new(CheckOutcome.Pass, FailureKind.None, reason);

    public static CheckVerdict Fail(FailureKind kind, string reason) => new(CheckOutcome.Fail, kind, reason);

    public static CheckVerdict Security(string reason) => new(CheckOutcome.SecurityFail, FailureKind.Security, reason);
}
