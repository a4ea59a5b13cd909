using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Server;

namespace Provisioning.ProbeServers;

/// <summary>
/// An MCP server built with the official C# SDK (Streamable HTTP at <c>/mcp</c>) with the five task tools;
/// <c>list_tasks</c> calls the backend with a JWT it mints as <c>todo-mcp</c>, like the real one.
/// </summary>
public static class TodoMcpServer
{
    public static Task<LoopbackServer> StartAsync(Uri backendUrl, string jwtSecretKey, McpOptions? options = null)
    {
        options ??= new McpOptions();
        // One client for the server's lifetime; the server is disposed with the test.
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var tools = CreateTools(backendUrl, jwtSecretKey, http).Where(t => t.ProtocolTool.Name != options.OmitTool).ToList();

        return LoopbackServer.StartAsync(
            builder =>
            {
                builder.Services
                    .AddMcpServer(server =>
                    {
                        server.ServerInfo = new() { Name = "todo-mcp-test", Version = "1.0" };
                        server.ProtocolVersion = options.ProtocolVersion;
                    })
                    .WithHttpTransport(transport =>
                    {
                        // The 2025 revisions need sessions; the 2026 one removed them.
                        transport.SessionMode = options.ProtocolVersion is null or "2026-07-28"
                            ? HttpServerSessionMode.StatefulForInitializeClients
                            : HttpServerSessionMode.Stateful;
                    })
                    .WithTools(tools);
            },
            app => app.MapMcp("/mcp"));
    }

    /// <summary>The Todo tools, list_tasks calling the backend at <paramref name="backendUrl"/> with a token it mints; the chaos stack serves the same ones.</summary>
    internal static IEnumerable<McpServerTool> CreateTools(Uri backendUrl, string jwtSecretKey, HttpClient http)
    {
        yield return McpServerTool.Create(
            async (string user_id, CancellationToken cancellationToken) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(backendUrl, $"api/{Uri.EscapeDataString(user_id)}/tasks"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Mint(jwtSecretKey, user_id));
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new ModelContextProtocol.McpException($"backend answered {(int)response.StatusCode}");
                }
                return body;
            },
            new McpServerToolCreateOptions { Name = "list_tasks", Description = "Lists a user's tasks.", ReadOnly = true });

        foreach (var name in new[] { "add_task", "complete_task", "delete_task", "update_task" })
        {
            // Only list_tasks is exercised by the probe (it is read-only); the others exist to be listed.
            yield return McpServerTool.Create(
                (string user_id) => $"{name} is not implemented in the test server (user {user_id})",
                new McpServerToolCreateOptions { Name = name, Description = name });
        }
    }

    private static string Mint(string key, string userId)
    {
        // Issuers backdate iat/nbf by 30 s (docs/contract.md), so a verifier whose clock runs a little behind accepts them.
        var issuedAt = DateTime.UtcNow.AddSeconds(-30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "todo-mcp",
            Audience = "todo-backend",
            Claims = new Dictionary<string, object> { ["sub"] = userId },
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
