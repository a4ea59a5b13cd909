namespace Provisioning.ProbeServers.Chaos;

/// <summary>One way a component can misbehave for one run of the probe.</summary>
public enum ChaosFault
{
    /// <summary>Answers as the contract says.</summary>
    None,

    // Transport level: the component's URL points at a socket that behaves this way for every request.

    /// <summary>Nothing listens: a port bound but never listening, so the kernel answers RST to the SYN.</summary>
    Refused,
    /// <summary>Accepts the connection, reads the request, never answers (until the client goes or <see cref="ChaosStack.MaxStall"/>).</summary>
    TcpStall,
    /// <summary>Accepts, reads the request, then aborts the connection (RST) without a byte of answer.</summary>
    TcpReset,
    /// <summary>Accepts, reads the request, answers bytes that are not HTTP (an SSH banner, binary, a broken status line).</summary>
    TcpGarbage,

    // HTTP level: the component's real endpoints sit behind middleware that can do this to some requests only.

    /// <summary>The request is read and never answered.</summary>
    HttpStall,
    /// <summary>200 and headers are sent, then the body never comes.</summary>
    HeadersThenStall,
    /// <summary>200, headers and a part of the promised body, then the connection is aborted.</summary>
    ResetMidBody,
    /// <summary>A 5xx/404 status with a text body.</summary>
    ServerError,
    /// <summary>200 <c>application/json</c> whose document is not the contract's (wrong shape, wrong values, truncated).</summary>
    WrongJson,
    /// <summary>200 with the wrong media type: an HTML maintenance page where JSON is due, text/plain where HTML is due.</summary>
    WrongContentType,
    /// <summary>The right answer after a delay well inside the check timeout.</summary>
    SlowWithin,
    /// <summary>The right answer after a delay beyond the check timeout.</summary>
    SlowBeyond,
}

public static class ChaosFaults
{
    /// <summary>Faults that replace the whole component (its URL), so they cannot change between the checks of a run.</summary>
    public static bool IsTransport(this ChaosFault fault) =>
        fault is ChaosFault.Refused or ChaosFault.TcpStall or ChaosFault.TcpReset or ChaosFault.TcpGarbage;
}

/// <summary>
/// How one HTTP component behaves during one run. Its requests fall into two groups: <see cref="First"/> covers
/// the component's root check (frontend <c>GET /</c>, backend <c>GET /health</c>, MCP session set-up and
/// <c>tools/list</c>), <see cref="Second"/> the rest (frontend <c>/api/health</c>, backend tasks, MCP
/// <c>tools/call</c>). When they differ the component changes behaviour between the checks of the run: the
/// second group waits until the first group has been served (healthy first) or has met its fault, then gets its own.
/// </summary>
/// <param name="Status">The status for <see cref="ChaosFault.ServerError"/>.</param>
/// <param name="Delay">The delay for <see cref="ChaosFault.SlowWithin"/> and <see cref="ChaosFault.SlowBeyond"/>.</param>
/// <param name="Variant">Chooses among the wrong documents and garbage answers.</param>
public sealed record ComponentChaos(ChaosFault First, ChaosFault Second, int Status = 503, TimeSpan Delay = default, int Variant = 0)
{
    public static ComponentChaos Healthy { get; } = new(ChaosFault.None, ChaosFault.None);

    public bool ChangesMidRun => First != Second;

    public override string ToString() =>
        (ChangesMidRun ? $"{First}->{Second}" : First.ToString())
        + (First == ChaosFault.ServerError || Second == ChaosFault.ServerError ? $"({Status})" : "")
        + (Delay > TimeSpan.Zero ? $"({Delay.TotalMilliseconds:0} ms)" : "");
}

/// <summary>The three HTTP components' behaviour for one run.</summary>
public sealed record RunChaos(ComponentChaos Frontend, ComponentChaos Backend, ComponentChaos Mcp)
{
    public ComponentChaos For(ChaosComponent component) => component switch
    {
        ChaosComponent.Frontend => Frontend,
        ChaosComponent.Backend => Backend,
        _ => Mcp,
    };
}

public enum ChaosComponent
{
    Frontend,
    Backend,
    Mcp,
}
