using ModelContextProtocol.Protocol;

namespace Provisioning.Probes.Checks;

/// <summary><c>mcp.backend</c>: <c>list_tasks</c> for the probe user succeeds, proving mcp → backend with a JWT.</summary>
public sealed class McpBackendCheck : IProbeCheck
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
                var text = string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
                return CheckVerdict.Fail(FailureKind.Protocol,
                    $"protocol error: list_tasks for {user} failed in the MCP server: {Running.Text.OneLine(text)} (check MCP_BACKEND_URL and the MCP server's JWT_SECRET_KEY)");
            }
            return CheckVerdict.Pass($"list_tasks for {user} went through mcp → backend");
        }
    }
}
