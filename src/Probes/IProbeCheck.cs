namespace Provisioning.Probes;

/// <summary>
/// One check. Implementations return a verdict for answers they can judge (status, body, security) and
/// simply let transport exceptions escape: the runner classifies those (refused, DNS, TLS, timeout, protocol)
/// in one place so every check words them the same way.
/// </summary>
public interface IProbeCheck
{
    /// <summary>Its name in the catalogue (<see cref="CheckNames"/>); everything else the deployment knows about it is there.</summary>
    string Name { get; }

    /// <summary>The catalogue's entry: component, contract time limit, alert policy.</summary>
    CheckSpec Spec => TodoSystem.Description.Check(Name);

    string Component => Spec.Component;

    /// <summary>Checks whose failure makes this one's result meaningless (it is then reported as skipped).</summary>
    IReadOnlyList<string> DependsOn { get; }

    Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken);

    /// <summary>
    /// True for a check that judges the run itself rather than calling a component (<c>probe.scheduling</c>): the
    /// runner gives it no time limit of its own and lets it finish once every other check has.
    /// </summary>
    bool ObservesRun => false;

    /// <summary>
    /// The check's own result set against the other checks' own results of the same run (before dependencies are
    /// applied), so that a claim one component makes can be compared with what the probe itself observed.
    /// </summary>
    CheckResult Reconcile(CheckResult own, IReadOnlyDictionary<string, CheckResult> others) => own;
}
