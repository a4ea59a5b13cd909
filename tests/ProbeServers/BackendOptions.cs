namespace Provisioning.ProbeServers;

public enum BackendHealth
{
    Ok,
    /// <summary>503 <c>{"status":"error","database":"error"}</c>, as the real backend does when PostgreSQL is away.</summary>
    DatabaseError,
    /// <summary>200 with a body that is not the contract's.</summary>
    WrongBody,
}

/// <summary>Authorization bugs a backend can have while verifying tokens perfectly (what <c>backend.authz</c> catches).</summary>
public enum BackendAuthzFault
{
    None,
    /// <summary>An <c>X-User-ID</c> header overrides the token's sub (the public implementations did this).</summary>
    TrustsUserHeader,
    /// <summary>Any valid token reads any user's tasks: sub is never compared with the path.</summary>
    SkipsOwnerCheck,
}

/// <summary>How a backend answers the browser's CORS requests (docs/contract.md, "CORS").</summary>
public enum BackendCors
{
    /// <summary>Exactly the frontend's origin, with credentials: the contract.</summary>
    Exact,
    /// <summary>Every origin with credentials (<c>allow_origins=["*"], allow_credentials=True</c>): the open door.</summary>
    AnyOriginWithCredentials,
    /// <summary>Only some other origin: browsers block the real frontend.</summary>
    RefusesFrontend,
}

/// <summary>How the stand-in backend behaves.</summary>
/// <param name="AcceptsAnyToken">The security bug the probe must catch: any bearer token (or none) is accepted.</param>
/// <param name="Authz">An authorization bug on top of correct authentication.</param>
/// <param name="HealthDelay">How long <c>/health</c> takes to answer (zero: at once).</param>
public sealed record BackendOptions(BackendHealth Health = BackendHealth.Ok, bool AcceptsAnyToken = false, BackendAuthzFault Authz = BackendAuthzFault.None,
    BackendCors Cors = BackendCors.Exact, TimeSpan HealthDelay = default);
