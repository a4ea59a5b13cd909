namespace Provisioning.Probes;

/// <summary>Which checks need the inside of the environment, read from the catalogue rather than listed.</summary>
public static class ProbeReach
{
    /// <summary>
    /// A check of an app with internal ingress (mcp) reaches it only from inside the Container Apps environment: from
    /// anywhere else its failure says where the probe runs, not how the app is.
    /// </summary>
    public static bool InsideOnly(CheckSpec check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return TodoSystem.Description.Components.FirstOrDefault(c => c.Name == check.Component)
            is { Kind: WorkloadKind.App, Ingress: IngressKind.Internal };
    }
}
