using ModelContextProtocol.Protocol;

namespace Provisioning.Probes.Checks;

/// <summary><c>mcp.backend</c>: <c>list_tasks</c> for the probe user succeeds, proving mcp → backend with a JWT.</summary>
public sealed partial class McpBackendCheck : IProbeCheck
{
    public string Name => CheckNames.McpBackend;
    // When the backend refuses even the probe's own valid token (wrong key, clock), mcp's token fails for the same
    // reason: one root cause, one alert (backend.auth.accepts).
    public IReadOnlyList<string> DependsOn => [CheckNames.BackendHealth, CheckNames.BackendAuthAccepts, CheckNames.McpHandshake];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.Settings.ProbeUserId;
        var client = await McpSession.OpenAsync(context, this, cancellationToken).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            var result = await client.CallToolAsync("list_tasks", new Dictionary<string, object?> { ["user_id"] = user },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.IsError == true)
            {
                var text = Running.Text.OneLine(string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
                return BehindMcp(user, text);
            }
            return CheckVerdict.Pass($"list_tasks for {user} went through mcp → backend");
        }
    }

    /// <summary>
    /// The MCP server reports its own call to the backend only as text, so its failure is read from the words: a token
    /// refusal gets the rules of the probe's own refusals (<see cref="TokenRefusal"/>), a connection failure the kinds
    /// of the probe's own connection failures, so the telemetry's failure kind means the same thing on both hops.
    /// </summary>
    internal static CheckVerdict BehindMcp(string user, string text)
    {
        if (ConnectionKind(text) is { } kind)
        {
            return CheckVerdict.Fail(kind, Quoting(
                $"connection failed behind the MCP server: list_tasks for {user} could not reach the backend; check the MCP server's MCP_BACKEND_URL " +
                "(the backend's URL inside the environment) and that the backend is up", text));
        }
        if (TokenRefusal.IsRefusal(text))
        {
            var status = RefusalStatus().Match(text) is { Success: true } m ? $"the backend answered {m.Value} to its token" : "the backend refused its token";
            return CheckVerdict.Fail(FailureKind.Status, Quoting(
                $"status: list_tasks for {user} failed in the MCP server: {status}: {TokenRefusal.Hint(text, TokenRefusal.Issuer.Mcp)}", text));
        }
        return CheckVerdict.Fail(FailureKind.Protocol, Quoting(
            $"protocol error: list_tasks for {user} failed in the MCP server (check its log, its MCP_BACKEND_URL and JWT_SECRET_KEY)", text));
    }

    /// <summary>The reason, then as much of what the MCP server said as the one-line reason holds: its end, where the cause is.</summary>
    private static string Quoting(string reason, string said)
    {
        var room = Running.Text.MaxLength - reason.Length - 12;
        var quote = said.Length <= room ? said : room > 20 ? "…" + said[^(room - 1)..] : "";
        return quote.Length == 0 ? reason : $"{reason}; it said \"{quote}\"";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b40[13]\b")]
    private static partial System.Text.RegularExpressions.Regex RefusalStatus();

    // Node's fetch says "fetch failed" for every connection-level failure, with the system error code beside it when
    // the server passes it on; .NET and Python servers say "Connection refused" and the like.
    private static FailureKind? ConnectionKind(string text) =>
        Has(text, "ECONNREFUSED") || Has(text, "connection refused") ? FailureKind.Refused
        : Has(text, "ENOTFOUND") || Has(text, "EAI_AGAIN") || Has(text, "getaddrinfo") || Has(text, "name or service not known") || Has(text, "name resolution") ? FailureKind.Dns
        : Has(text, "ETIMEDOUT") || Has(text, "TimeoutError") || Has(text, "timed out") || Has(text, "aborted due to timeout") ? FailureKind.Timeout
        : Has(text, "CERT_") || Has(text, "certificate") || Has(text, "SSL") || Has(text, "TLS") ? FailureKind.Tls
        : Has(text, "fetch failed") || Has(text, "ECONNRESET") || Has(text, "socket hang up") || Has(text, "connection reset") ? FailureKind.Refused
        : null;

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
