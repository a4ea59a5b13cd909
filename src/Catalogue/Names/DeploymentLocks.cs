namespace Provisioning.Catalogue;

/// <summary>
/// The management locks the templates declare on a production-tier environment's data (vault and server). One name
/// for both, so <c>teardown unlock</c> can tell the locks this repository put there from locks someone else did.
/// </summary>
public static class DeploymentLocks
{
    public const string Name = "do-not-delete";

    /// <summary>Whether a lock's resource id (<c>…/providers/Microsoft.Authorization/locks/&lt;name&gt;</c>) is one the templates declare.</summary>
    public static bool IsDeclared(string lockId)
    {
        ArgumentNullException.ThrowIfNull(lockId);
        return lockId.EndsWith($"/providers/Microsoft.Authorization/locks/{Name}", StringComparison.OrdinalIgnoreCase);
    }
}
