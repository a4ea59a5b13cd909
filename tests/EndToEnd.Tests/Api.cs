using System.Net.Http.Headers;
using System.Text.Json;
using ModelContextProtocol.Client;
using Provisioning.Local;
using Provisioning.Probes;
using Provisioning.Probes.Checks;
using Provisioning.Probes.Tokens;

namespace Provisioning.EndToEnd.Tests;

/// <summary>Direct calls to the stack's components, as the browser, the backend's agent or an operator makes them.</summary>
internal static class Api
{
    public static readonly HttpClient Http = ProbeHttp.CreateClient();

    /// <summary>A valid service token for <paramref name="userId"/>, minted in C# by the probe's own code.</summary>
    public static string CSharpToken(string key, string userId) => new ProbeTokens(key, userId, TimeProvider.System).Valid();

    /// <summary>GET /api/{user}/tasks with a bearer token: the status and the body.</summary>
    public static async Task<(int Status, string Body)> GetTasksAsync(LocalStack stack, string userId, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(stack.Endpoints.BackendUrl, $"api/{Uri.EscapeDataString(userId)}/tasks"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The probe's MCP client (official C# SDK), optionally pinned to one protocol revision.</summary>
    public static Task<McpClient> OpenMcpAsync(LocalStack stack, string? protocolVersion = null)
    {
        var variables = stack.VariablesOf(TodoSystem.Probe);
        var settings = ProbeSettingsReader.Read(variables.GetValueOrDefault, "local stack variable").Settings!;
        return McpSession.OpenAsync(new ProbeContext(Http, settings), protocolVersion, settings.TimeLimit(new McpHandshakeCheck()), CancellationToken.None);
    }

    /// <summary>Runs the mcp fixture's mint.mjs: a token minted in JavaScript (jose), signed with <paramref name="key"/>.</summary>
    public static async Task<string> NodeTokenAsync(string key, string userId)
    {
        var start = new System.Diagnostics.ProcessStartInfo("node", ["mint.mjs", userId])
        {
            WorkingDirectory = StackFixture.Paths.McpDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["JWT_SECRET_KEY"] = key },
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        Assert.AreEqual(0, process.ExitCode, await error);
        return (await output).Trim();
    }

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
