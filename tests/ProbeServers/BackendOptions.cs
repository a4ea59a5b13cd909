namespace Provisioning.ProbeServers;

public enum BackendHealth
{
    Ok,
    /// <summary>503 <c>{"status":"error","database":"error"}</c>, as the real backend does when PostgreSQL is away.</summary>
    DatabaseError,
    /// <summary>200 with a body that is not the contract's.</summary>
    WrongBody,
}

/// <summary>How the stand-in backend behaves.</summary>
/// <param name="AcceptsAnyToken">The security bug the probe must catch: any bearer token (or none) is accepted.</param>
public sealed record BackendOptions(BackendHealth Health = BackendHealth.Ok, bool AcceptsAnyToken = false);
