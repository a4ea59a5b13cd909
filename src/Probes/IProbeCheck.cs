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

    /// <summary>
    /// How the deployment alerts on this check. The deployment reads it from <see cref="StandardChecks"/>, so a new
    /// check gets its alert rule by being registered there; checks that can report a security failure say so here.
    /// </summary>
    AlertPolicy Alert => AlertPolicy.Availability;

    Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken);
}

/// <summary>What the deployment's alert rules do with a check's results.</summary>
public enum AlertPolicy
{
    /// <summary>Its own rule: fires after 3 failed runs in a row, resolves after 2 passing runs.</summary>
    Availability,

    /// <summary>Its own availability rule, and the security rule fires on its first <c>security-fail</c>.</summary>
    AvailabilityAndSecurity,
}
