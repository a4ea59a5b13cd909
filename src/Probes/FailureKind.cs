namespace Provisioning.Probes;

/// <summary>The class of problem behind a result; machines filter on it, people read the reason.</summary>
public enum FailureKind
{
    None,
    /// <summary>Connection refused: nothing listens at the address (app stopped, wrong port, ingress off).</summary>
    Refused,
    /// <summary>The host name did not resolve.</summary>
    Dns,
    /// <summary>The TLS handshake failed (certificate, protocol).</summary>
    Tls,
    /// <summary>No answer within the check timeout or the run deadline.</summary>
    Timeout,
    /// <summary>An HTTP status other than the contract's.</summary>
    Status,
    /// <summary>The status was right but the body was not what the contract says.</summary>
    Body,
    /// <summary>The MCP or PostgreSQL protocol failed (handshake, JSON-RPC error, unreadable reply).</summary>
    Protocol,
    /// <summary>The database is reachable but its schema is not the one compiled into the probe (missing table, pending migration).</summary>
    Schema,
    /// <summary>Authentication is not enforced as the contract requires.</summary>
    Security,
    /// <summary>A check this one depends on did not pass.</summary>
    Dependency,
    /// <summary>The probe's own settings are unusable (for example a too short JWT key).</summary>
    Configuration,
    /// <summary>Anything else, with the exception's type in the reason.</summary>
    Unexpected,
    /// <summary>
    /// An answer came, but later than the contract's time limit allows (the probe waits beyond the limit to time it);
    /// <see cref="Timeout"/> is no answer at all.
    /// </summary>
    Slow,
    /// <summary>
    /// The probe itself was starved of CPU or threads: its own delay, not the component, decided a time verdict, so
    /// the check is reported skipped and <c>probe.scheduling</c> fails instead.
    /// </summary>
    Starved,
    /// <summary>The backend's CORS answer does not allow exactly FRONTEND_URL's origin, so a browser blocks the frontend.</summary>
    Cors,
}
