using ModelContextProtocol.Protocol;
using Provisioning.Local;

namespace Provisioning.EndToEnd.Tests;

/// <summary>
/// Cross-language interop, tested rather than assumed: tokens minted in C# (the probe's ProbeTokens) and in JavaScript
/// (jose, as the mcp fixture mints them) are accepted by the Python backend (PyJWT), and the probe's MCP client (C# SDK)
/// talks to the TypeScript SDK's server in each handshake the latter speaks.
/// </summary>
[TestClass]
public sealed class InteropTests
{
    private static LocalStack Stack => StackFixture.Stack;

    [TestMethod]
    public async Task A_token_minted_in_csharp_by_the_probe_is_accepted_by_the_python_backend()
    {
        var (status, body) = await Api.GetTasksAsync(Stack, "interop-cs", Api.CSharpToken(Stack.Secrets.JwtSecretKey, "interop-cs"));

        Assert.AreEqual(200, status, body);
        Assert.AreEqual(System.Text.Json.JsonValueKind.Array, Api.Json(body).ValueKind);
    }

    [TestMethod]
    public async Task A_token_minted_in_javascript_is_accepted_by_the_python_backend()
    {
        var token = await Api.NodeTokenAsync(Stack.Secrets.JwtSecretKey, "interop-js");

        var (status, body) = await Api.GetTasksAsync(Stack, "interop-js", token);

        Assert.AreEqual(200, status, body);
    }

    [TestMethod]
    public async Task A_javascript_token_for_one_user_is_refused_with_403_on_another_users_tasks()
    {
        var token = await Api.NodeTokenAsync(Stack.Secrets.JwtSecretKey, "interop-js");

        var (status, body) = await Api.GetTasksAsync(Stack, "interop-someone-else", token);

        Assert.AreEqual(403, status, body);
    }

    // The TypeScript SDK (1.32) speaks only the initialize handshake, in the revisions it lists in
    // SUPPORTED_PROTOCOL_VERSIONS; it has no server/discover. Unpinned, the C# client first tries the newest
    // revision's server/discover, gets "method not found" and falls back to initialize: the probe's real path.
    // Pinned, it proves each handshake generation: 2025-06-18 and later send MCP-Protocol-Version on every request,
    // 2025-03-26 (the first Streamable HTTP revision) does not.
    [TestMethod]
    [DataRow(null, "2025-11-25", DisplayName = "unpinned: server/discover refused, falls back to initialize")]
    [DataRow("2025-11-25", "2025-11-25", DisplayName = "initialize 2025-11-25 (protocol-version header)")]
    [DataRow("2025-06-18", "2025-06-18", DisplayName = "initialize 2025-06-18 (protocol-version header)")]
    [DataRow("2025-03-26", "2025-03-26", DisplayName = "initialize 2025-03-26 (no protocol-version header)")]
    public async Task The_probes_mcp_client_completes_the_handshake_and_a_tool_call_against_the_typescript_sdk_server(string? pinned, string negotiated)
    {
        var client = await Api.OpenMcpAsync(Stack, pinned);
        await using (client)
        {
            Assert.AreEqual(negotiated, client.NegotiatedProtocolVersion);
            Assert.AreEqual("todo-mcp-fixture", client.ServerInfo?.Name);
            var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
            CollectionAssert.IsSubsetOf(new[] { "add_task", "list_tasks", "complete_task", "delete_task", "update_task" }, tools);

            var result = await client.CallToolAsync("list_tasks", new Dictionary<string, object?> { ["user_id"] = "interop-mcp-" + negotiated });

            var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
            Assert.AreNotEqual(true, result.IsError, text);
            Assert.AreEqual(System.Text.Json.JsonValueKind.Array, Api.Json(text).ValueKind);
        }
    }
}
