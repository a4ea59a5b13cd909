using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Npgsql;
using Provisioning.Local;
using Provisioning.Probes.Tokens;

namespace Provisioning.EndToEnd.Tests;

/// <summary>
/// A bounded loop of authenticated requests against a local stack, on the three paths the system's users and its
/// probe take, each worker cycling through them until stopped or a bound is reached:
/// <list type="bullet">
/// <item><b>browser</b>: the page; a session token from the frontend, kept until a few seconds before it expires (a
/// browser does not fetch one per request); the CORS preflight and the tasks request from the frontend's origin;</item>
/// <item><b>mcp</b>: <c>list_tasks</c> through the MCP server (official C# client), which calls the backend with its own token;</item>
/// <item><b>probe</b>: a token signed with the probe's current key, and a new database connection with its current URL
/// (no pooling: every one authenticates, as a new replica's would).</item>
/// </list>
/// Every request that does not answer as expected (status, error result, exception, 10 s timeout) is a failure.
/// </summary>
internal sealed class RequestLoop
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TokenMargin = TimeSpan.FromSeconds(3);

    private readonly LocalStack stack;
    private readonly Func<IReadOnlyDictionary<string, string>> probeVariables;
    private readonly int maxRequests;
    private readonly CancellationTokenSource stop;
    private readonly ConcurrentQueue<string> failures = new();
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly Stopwatch elapsed = Stopwatch.StartNew();
    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = RequestTimeout };
    private readonly List<Task> workers;
    private int requests;

    private RequestLoop(LocalStack stack, Func<IReadOnlyDictionary<string, string>> probeVariables, int workers, int maxRequests, TimeSpan maxDuration)
    {
        this.stack = stack;
        this.probeVariables = probeVariables;
        this.maxRequests = maxRequests;
        stop = new CancellationTokenSource(maxDuration);
        this.workers = [.. Enumerable.Range(0, workers).Select(i => Task.Run(() => WorkAsync(i)))];
    }

    /// <param name="probeVariables">The probe's variables as of its last roll-out (the probe is no local process).</param>
    public static RequestLoop Start(LocalStack stack, Func<IReadOnlyDictionary<string, string>> probeVariables, int maxRequests, TimeSpan maxDuration, int workers = 3) =>
        new(stack, probeVariables, workers, maxRequests, maxDuration);

    public int Requests => Volatile.Read(ref requests);

    /// <summary>Stops the workers (each finishes its request in flight) and returns what they saw.</summary>
    public async Task<LoopResult> StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        elapsed.Stop();
        http.Dispose();
        return new LoopResult(Requests, [.. failures], elapsed.Elapsed, new Dictionary<string, int>(counts), ReachedBound: Requests >= maxRequests);
    }

    private async Task WorkAsync(int worker)
    {
        var user = $"loop-{worker}-{Guid.NewGuid():N}"[..20];
        (string Token, DateTimeOffset ExpiresAt)? session = null;
        McpClient? mcp = null;
        try
        {
            while (!stop.IsCancellationRequested && Requests < maxRequests)
            {
                session = await BrowserAsync(user, session);
                mcp = await McpAsync(user, mcp);
                await ProbeAsync(user);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            if (mcp is not null)
            {
                await mcp.DisposeAsync();
            }
        }
    }

    private async Task<(string Token, DateTimeOffset ExpiresAt)?> BrowserAsync(string user, (string Token, DateTimeOffset ExpiresAt)? session)
    {
        var frontend = stack.Endpoints.UrlOf(TodoSystem.Frontend);
        await RequestAsync("browser page", async () =>
        {
            using var page = await http.GetAsync(new Uri(frontend + "/"), stop.Token);
            return page.IsSuccessStatusCode && page.Content.Headers.ContentType?.MediaType == "text/html" ? null : $"GET / answered {(int)page.StatusCode} {page.Content.Headers.ContentType}";
        });
        if (session is null || session.Value.ExpiresAt - DateTimeOffset.UtcNow < TokenMargin)
        {
            session = null;
            await RequestAsync("browser token", async () =>
            {
                using var answer = await http.GetAsync(new Uri($"{frontend}/api/token?user={user}"), stop.Token);
                var body = await answer.Content.ReadAsStringAsync(stop.Token);
                if (!answer.IsSuccessStatusCode)
                {
                    return $"GET /api/token answered {(int)answer.StatusCode} {body}";
                }
                using var json = JsonDocument.Parse(body);
                session = (json.RootElement.GetProperty("token").GetString()!, DateTimeOffset.FromUnixTimeSeconds(json.RootElement.GetProperty("expiresAt").GetInt64()));
                return null;
            });
        }
        if (session is null)
        {
            return null;
        }
        var tasks = new Uri(stack.Endpoints.BackendUrl, $"api/{user}/tasks");
        await RequestAsync("browser preflight", async () =>
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, tasks);
            preflight.Headers.Add("Origin", frontend);
            preflight.Headers.Add("Access-Control-Request-Method", "GET");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
            using var answer = await http.SendAsync(preflight, stop.Token);
            return answer.IsSuccessStatusCode && answer.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins) && origins.Contains(frontend)
                ? null : $"preflight answered {(int)answer.StatusCode} without Access-Control-Allow-Origin {frontend}";
        });
        var token = session.Value.Token;
        await RequestAsync("browser tasks", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, tasks);
            request.Headers.Add("Origin", frontend);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var answer = await http.SendAsync(request, stop.Token);
            return answer.IsSuccessStatusCode ? null : $"GET tasks with the frontend's session token answered {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(stop.Token)}";
        });
        return session;
    }

    private async Task<McpClient?> McpAsync(string user, McpClient? client)
    {
        var kept = client;
        await RequestAsync("mcp list_tasks", async () =>
        {
            kept ??= await Api.OpenMcpAsync(stack);
            var result = await kept.CallToolAsync("list_tasks", new Dictionary<string, object?> { ["user_id"] = user }, cancellationToken: stop.Token);
            return result.IsError == true ? "list_tasks: " + string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text)) : null;
        }, onFailure: async () =>
        {
            // A broken session is this request's failure; the next one opens a new session.
            if (kept is not null)
            {
                await kept.DisposeAsync();
                kept = null;
            }
        });
        return kept;
    }

    private async Task ProbeAsync(string user)
    {
        var variables = probeVariables();
        var key = variables[SettingNames.JwtSecretKey];
        await RequestAsync("probe tasks", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(stack.Endpoints.BackendUrl, $"api/{user}/tasks"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", new ProbeTokens(key, user, TimeProvider.System).Valid());
            using var answer = await http.SendAsync(request, stop.Token);
            return answer.IsSuccessStatusCode ? null : $"GET tasks with the probe's token answered {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(stop.Token)}";
        });
        var connectionString = ConnectionString(variables[SettingNames.DatabaseUrl], RequestTimeout);
        await RequestAsync("probe database", async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(stop.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            return await command.ExecuteScalarAsync(stop.Token) is 1 ? null : "SELECT 1 did not answer 1";
        });
    }

    /// <summary>A database URL (the contract's form) as an Npgsql connection string without pooling: every open authenticates.</summary>
    public static string ConnectionString(string databaseUrl, TimeSpan timeout)
    {
        var url = new Uri(databaseUrl);
        var credentials = url.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.Port,
            Database = url.AbsolutePath.TrimStart('/'),
            Username = Uri.UnescapeDataString(credentials[0]),
            Password = Uri.UnescapeDataString(credentials[1]),
            Pooling = false,
            Timeout = (int)timeout.TotalSeconds,
        }.ConnectionString;
    }

    /// <summary>One request: counted, timed out after 10 s, its failure recorded with a reason; a stop in flight is not a failure.</summary>
    private async Task RequestAsync(string path, Func<Task<string?>> send, Func<Task>? onFailure = null)
    {
        if (stop.IsCancellationRequested || Interlocked.Increment(ref requests) > maxRequests)
        {
            stop.Cancel();
            return;
        }
        counts.AddOrUpdate(path, 1, (_, n) => n + 1);
        string? failure;
        try
        {
            failure = await send().WaitAsync(RequestTimeout);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or NpgsqlException or IOException or JsonException or McpException or TaskCanceledException)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
        }
        if (failure is not null)
        {
            failures.Enqueue($"{elapsed.Elapsed.TotalSeconds:0.0} s {path}: {failure}");
            if (onFailure is not null)
            {
                await onFailure();
            }
        }
    }
}

/// <summary>What a <see cref="RequestLoop"/> saw.</summary>
internal sealed record LoopResult(int Requests, IReadOnlyList<string> Failures, TimeSpan Duration, IReadOnlyDictionary<string, int> ByPath, bool ReachedBound)
{
    public override string ToString() =>
        $"{Requests} requests in {Duration.TotalSeconds:0.0} s ({string.Join(", ", ByPath.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}), " +
        $"{Failures.Count} failed{(Failures.Count == 0 ? "" : ":\n  " + string.Join("\n  ", Failures.Take(10)))}";
}
