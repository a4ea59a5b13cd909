using Provisioning.Probes;
using Provisioning.Probes.Platform;

namespace Provisioning.Environments.Model;

/// <summary>One of the probe's checks as the deployment sees it: the availability test name its alert filters on.</summary>
public sealed record CheckSpec(string Name, string Component, AlertPolicy Alert)
{
    public bool JoinsSecurityAlert => Alert == AlertPolicy.AvailabilityAndSecurity;

    public static CheckSpec Of(IProbeCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new(check.Name, check.Component, check.Alert);
    }

    public static CheckSpec Of(PlatformCheckMetadata check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new(check.Name, check.Component, check.Alert);
    }
}
