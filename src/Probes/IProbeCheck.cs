namespace Provisioning.Probes;

/// <summary>
/// One check. Implementations return a verdict for answers they can judge (status, body, security) and
/// simply let transport exceptions escape: the runner classifies those (refused, DNS, TLS, timeout, protocol)
/// in one place so every check words them the same way.
/// </summary>
public interface IProbeCheck
{
    string Name { get; }

    string Component { get; }

    /// <summary>Checks whose failure makes this one's result meaningless (it is then reported as skipped).</summary>
    IReadOnlyList<string> DependsOn { get; }

    Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken);
}
