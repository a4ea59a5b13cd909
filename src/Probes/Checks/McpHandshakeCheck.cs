namespace Provisioning.Probes.Checks;

/// <summary><c>mcp.handshake</c>: the MCP session opens and <c>tools/list</c> contains the five task tools.</summary>
public sealed class McpHandshakeCheck : IProbeCheck
{
    public static IReadOnlyList<string> RequiredTools { get; } = ["add_task", "list_tasks", "complete_task", "delete_task", "update_task"];

    public string Name => CheckNames.McpHandshake;
    public IReadOnlyList<string> DependsOn => [];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = await McpSession.OpenAsync(context, this, cancellationToken).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            var tools = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var names = tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            var missing = RequiredTools.Where(t => !names.Contains(t)).ToList();
            if (missing.Count > 0)
            {
                return CheckVerdict.Fail(FailureKind.Body,
                    $"wrong body: tools/list at {context.Settings.McpUrl} lacks {string.Join(", ", missing)} (is an older MCP server image deployed?)");
            }
            return CheckVerdict.Pass($"MCP session opened (protocol {client.NegotiatedProtocolVersion}) and lists the five task tools");
        }
    }
}
