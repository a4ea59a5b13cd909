using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using Provisioning.Catalogue;

namespace Provisioning.Probes.Checks;

/// <summary>Opens an MCP client session with the official C# SDK over the run's shared HttpClient.</summary>
internal static class McpSession
{
    /// <summary>
    /// Opens the session for <paramref name="check"/> within as long as the runner waits for it: the SDK's own timeouts
    /// must not cut a late answer off at the limit, or the runner could not tell a slow server from a silent one.
    /// </summary>
    public static Task<McpClient> OpenAsync(ProbeContext context, IProbeCheck check, CancellationToken cancellationToken) =>
        OpenAsync(context, protocolVersion: null, context.Settings.Wait(check), cancellationToken);

    /// <param name="protocolVersion">
    /// Null for the checks (newest revision with fallback); a revision pins the handshake, so the interop tests can
    /// prove this very client against each revision another SDK's server speaks.
    /// </param>
    internal static async Task<McpClient> OpenAsync(ProbeContext context, string? protocolVersion, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = context.Settings.McpUrl,
                Name = ProbeIdentity.Name,
                // The contract fixes Streamable HTTP; falling back to legacy SSE would blur the reason of a failure.
                TransportMode = HttpTransportMode.StreamableHttp,
                ConnectionTimeout = timeLimit,
            },
            context.Http,
            NullLoggerFactory.Instance,
            ownsHttpClient: false);

        // ProtocolVersion stays unset for the checks on purpose: the SDK then tries the newest revision
        // (server/discover, no initialize) and falls back to the 2025 initialize handshake when the server does not speak it.
        var options = new McpClientOptions
        {
            ProtocolVersion = protocolVersion,
            ClientInfo = new() { Name = ProbeIdentity.Name, Version = "1.0" },
            InitializationTimeout = timeLimit,
        };
        return await McpClient.CreateAsync(transport, options, NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
    }
}
