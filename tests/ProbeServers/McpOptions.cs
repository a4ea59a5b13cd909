namespace Provisioning.ProbeServers;

/// <summary>How the stand-in MCP server behaves.</summary>
/// <param name="ProtocolVersion">Pins the server to one revision: <c>2025-11-25</c> (initialize handshake, sessions) or <c>2026-07-28</c> (server/discover, stateless); null speaks both.</param>
/// <param name="OmitTool">A tool name to leave out of tools/list (an outdated server image).</param>
public sealed record McpOptions(string? ProtocolVersion = null, string? OmitTool = null);
