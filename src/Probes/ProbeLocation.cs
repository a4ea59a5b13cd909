namespace Provisioning.Probes;

/// <summary>Where a probe run happens, which decides what it can reach.</summary>
public enum ProbeLocation
{
    /// <summary>Inside the Container Apps environment (the Function): every check runs.</summary>
    Inside,

    /// <summary>
    /// Outside it (a laptop, a hosted pipeline): components with internal ingress cannot be reached by design, so their
    /// checks are reported <see cref="CheckOutcome.NotRun"/> instead of failing a healthy deployment.
    /// </summary>
    Outside,
}
