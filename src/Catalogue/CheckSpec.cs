namespace Provisioning.Catalogue;

/// <summary>
/// One of the probe's checks (docs/contract.md, "What verified means"): the availability test name its alert filters
/// on, the component it reports under, the time the contract gives it, and what the alerts do with its results. The
/// probe has exactly one implementation of each (a test says so) and runs it under <see cref="TimeLimit"/>.
/// </summary>
/// <param name="Objective">The success criterion its results count against (<see cref="TodoObjectives"/>, e.g. <c>SC-003</c>): exactly one, so one outage spends one budget; null only for a check of the probe's own health, which measures no part of the product.</param>
public sealed record CheckSpec(string Name, string Component, string? Objective, TimeSpan TimeLimit, AlertPolicy Alert = AlertPolicy.Availability)
{
    /// <summary>What every check gets today: a complete answer within 10 s.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A health endpoint the platform's readiness probe calls: the probe allows it what the platform allows
    /// (<see cref="HealthSpec.ReadinessTimeoutSeconds"/>), since an answer later than that already takes the replica
    /// out of rotation.
    /// </summary>
    public static readonly TimeSpan ReadinessTimeLimit = TimeSpan.FromSeconds(HealthSpec.ReadinessTimeoutSeconds);

    public bool JoinsSecurityAlert => Alert == AlertPolicy.AvailabilityAndSecurity;
}

/// <summary>What the deployment's alert rules do with a check's results.</summary>
public enum AlertPolicy
{
    /// <summary>Its own rule: fires after 3 failed runs in a row, resolves after 2 passing runs.</summary>
    Availability,

    /// <summary>Its own availability rule, and the security rule fires on its first <c>security-fail</c>.</summary>
    AvailabilityAndSecurity,
}
