using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using ModelContextProtocol.AspNetCore;
using Provisioning.Probes;

namespace Provisioning.ProbeServers.Chaos;

/// <summary>
/// The frontend, backend and MCP server of the contract on loopback, each behind chaos middleware, plus raw TCP
/// servers that stall, reset or answer garbage and a port that refuses: many probe runs can use it at once, each
/// with its own <see cref="RunChaos"/>. A run's URLs carry its number (<c>/r/{run}/…</c>), so requests of
/// concurrent runs sharing pooled connections are still told apart. Run 0 is always healthy: the MCP server's
/// own calls to the backend use it, so a backend fault shows in the backend's checks only.
/// </summary>
public sealed class ChaosStack : IAsyncDisposable
{
    /// <summary>No stall, slow answer or gate lasts longer than this, whatever the client does.</summary>
    public static readonly TimeSpan MaxStall = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<int, RunState> runs = new();
    private LoopbackServer? frontend;
    private LoopbackServer? backend;
    private LoopbackServer? mcp;
    private RawFaultServer? stall;
    private RawFaultServer? reset;
    private RawFaultServer? garbage;
    private ClosedPort? closed;
    private HttpClient? mcpToBackend;

    private ChaosStack(string jwtSecretKey) => JwtSecretKey = jwtSecretKey;

    public string JwtSecretKey { get; }

    /// <summary>Runs registered and not yet forgotten.</summary>
    public int ActiveRuns => runs.Count;

    public static async Task<ChaosStack> StartAsync()
    {
        var stack = new ChaosStack(TestKeys.NewJwtSecret());
        try
        {
            stack.closed = new ClosedPort();
            stack.stall = new RawFaultServer(ChaosFault.TcpStall);
            stack.reset = new RawFaultServer(ChaosFault.TcpReset);
            stack.garbage = new RawFaultServer(ChaosFault.TcpGarbage);
            stack.backend = await LoopbackServer.StartAsync(null, app => stack.Configure(app, ChaosComponent.Backend, stack.MapBackend,
                (context, next) => ContractCors.HandleAsync(context, next, BackendCors.Exact,
                    c => c.Items.TryGetValue(nameof(RunState), out var state) ? ((RunState)state!).FrontendOrigin : null))).ConfigureAwait(false);
            stack.frontend = await LoopbackServer.StartAsync(null, app => stack.Configure(app, ChaosComponent.Frontend, MapFrontend)).ConfigureAwait(false);
            stack.mcpToBackend = new HttpClient { Timeout = MaxStall };
            var tools = TodoMcpServer.CreateTools(new Uri(stack.backend.Url, "r/0/"), stack.JwtSecretKey, stack.mcpToBackend).ToList();
            stack.mcp = await LoopbackServer.StartAsync(
                builder => builder.Services
                    .AddMcpServer(server => server.ServerInfo = new() { Name = "todo-mcp-chaos", Version = "1.0" })
                    .WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients)
                    .WithTools(tools),
                app => stack.Configure(app, ChaosComponent.Mcp, endpoints => endpoints.MapMcp("/mcp"))).ConfigureAwait(false);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Registers a run and returns the settings that point the probe at its components.</summary>
    public ProbeSettings Register(int run, RunChaos chaos, TimeSpan checkTimeout, TimeSpan runDeadline)
    {
        ArgumentNullException.ThrowIfNull(chaos);
        ArgumentOutOfRangeException.ThrowIfLessThan(run, 1);
        var backendUrl = UrlFor(chaos.Backend, backend!, run, "");
        var frontendUrl = UrlFor(chaos.Frontend, frontend!, run, "");
        if (!runs.TryAdd(run, new RunState(chaos, backendUrl, ContractCors.OriginOf(frontendUrl))))
        {
            throw new ArgumentException($"run {run} is already registered", nameof(run));
        }
        return new ProbeSettings
        {
            FrontendUrl = frontendUrl,
            BackendUrl = backendUrl,
            McpUrl = UrlFor(chaos.Mcp, mcp!, run, "mcp"),
            JwtSecretKey = JwtSecretKey,
            // The database check is substituted by the soak; this URL only feeds redaction.
            DatabaseUrl = $"postgresql://todo_probe:chaos-{run.ToString(CultureInfo.InvariantCulture)}-password@127.0.0.1:{closed!.Port}/todo",
            Environment = "chaos",
            CheckTimeout = checkTimeout,
            RunDeadline = runDeadline,
        };
    }

    public void Forget(int run) => runs.TryRemove(run, out _);

    private Uri UrlFor(ComponentChaos chaos, LoopbackServer http, int run, string tail)
    {
        var root = chaos.First switch
        {
            ChaosFault.Refused => closed!.Url,
            ChaosFault.TcpStall => stall!.Url,
            ChaosFault.TcpReset => reset!.Url,
            ChaosFault.TcpGarbage => garbage!.Url,
            _ => http.Url,
        };
        return new Uri(root, $"r/{run.ToString(CultureInfo.InvariantCulture)}/{tail}");
    }

    private void Configure(WebApplication app, ChaosComponent component, Action<IEndpointRouteBuilder> map,
        Func<HttpContext, RequestDelegate, Task>? behindChaos = null)
    {
        app.Use((context, next) => ChaosAsync(context, next, component));
        if (behindChaos is not null)
        {
            app.Use(behindChaos);
        }
        // Routing after the chaos middleware, so the endpoints see the path without the run prefix.
        app.UseRouting();
        map(app);
    }

    private sealed class RunState(RunChaos chaos, Uri backendUrl, string frontendOrigin)
    {
        /// <summary>The origin of the run's FRONTEND_URL: what the backend's CORS allows for this run.</summary>
        public string FrontendOrigin { get; } = frontendOrigin;

        private readonly TaskCompletionSource[] firstMet =
            [.. Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];

        public RunChaos Chaos { get; } = chaos;
        public Uri BackendUrl { get; } = backendUrl;

        /// <summary>Completes once a request of the first group has been served healthily or has met its fault.</summary>
        public TaskCompletionSource FirstMet(ChaosComponent component) => firstMet[(int)component];
    }

    private async Task ChaosAsync(HttpContext context, RequestDelegate next, ChaosComponent component)
    {
        var path = context.Request.Path.Value ?? "";
        if (!TryRun(path, out var run, out var rest))
        {
            context.Response.StatusCode = 404;
            return;
        }
        context.Request.PathBase = $"/r/{run.ToString(CultureInfo.InvariantCulture)}";
        context.Request.Path = rest;
        if (run == 0)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        if (!runs.TryGetValue(run, out var state))
        {
            // A request of a run already judged (a client still finishing): nobody reads the answer.
            context.Response.StatusCode = 410;
            return;
        }
        context.Items[nameof(RunState)] = state;
        var plan = state.Chaos.For(component);
        var first = await IsFirstGroupAsync(context, component).ConfigureAwait(false);
        var fault = first ? plan.First : plan.Second;
        var aborted = context.RequestAborted;
        var gate = state.FirstMet(component);
        if (!first && plan.ChangesMidRun)
        {
            await Bounded(gate.Task.WaitAsync(MaxStall, aborted)).ConfigureAwait(false);
        }
        // Slow beyond the timeout is a fault to the probe: the second group may go on as soon as it starts.
        var healthy = fault is ChaosFault.None or ChaosFault.SlowWithin;
        if (first && !healthy)
        {
            gate.TrySetResult();
        }

        switch (fault)
        {
            case ChaosFault.None:
                await next(context).ConfigureAwait(false);
                break;
            case ChaosFault.SlowWithin or ChaosFault.SlowBeyond:
                await Bounded(Task.Delay(plan.Delay, aborted)).ConfigureAwait(false);
                if (!aborted.IsCancellationRequested)
                {
                    await next(context).ConfigureAwait(false);
                }
                break;
            case ChaosFault.HttpStall:
                await Bounded(Task.Delay(MaxStall, aborted)).ConfigureAwait(false);
                context.Abort();
                break;
            case ChaosFault.HeadersThenStall:
                context.Response.StatusCode = 200;
                context.Response.ContentType = component == ChaosComponent.Frontend && first ? "text/html" : "application/json";
                context.Response.ContentLength = 2048;
                await Bounded(StartAndFlush(context.Response, aborted)).ConfigureAwait(false);
                await Bounded(Task.Delay(MaxStall, aborted)).ConfigureAwait(false);
                context.Abort();
                break;
            case ChaosFault.ResetMidBody:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = 4096;
                await Bounded(WriteAndFlush(context.Response, "{\"status\":\"ok\",\"database\":\"o", aborted)).ConfigureAwait(false);
                context.Abort();
                break;
            case ChaosFault.ServerError:
                context.Response.StatusCode = plan.Status;
                context.Response.ContentType = "text/plain";
                await Bounded(context.Response.WriteAsync("upstream error", aborted)).ConfigureAwait(false);
                break;
            case ChaosFault.WrongJson:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await Bounded(context.Response.WriteAsync(WrongJson(component, first, plan.Variant, state), aborted)).ConfigureAwait(false);
                break;
            case ChaosFault.WrongContentType:
                context.Response.StatusCode = 200;
                var html = component == ChaosComponent.Frontend && first;
                context.Response.ContentType = html ? "text/plain" : "text/html";
                await Bounded(context.Response.WriteAsync(html
                    ? "<!doctype html><html><body>Todo</body></html>"
                    : "<!doctype html><html><body><h1>Down for maintenance</h1></body></html>", aborted)).ConfigureAwait(false);
                break;
            default:
                // Transport faults never reach HTTP: their URL points elsewhere.
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync($"chaos: {fault} cannot happen here", aborted).ConfigureAwait(false);
                break;
        }

        if (first && healthy)
        {
            gate.TrySetResult();
        }
    }

    private static async Task StartAndFlush(HttpResponse response, CancellationToken cancellationToken)
    {
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAndFlush(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Awaits a delay or write that the client may cut short; a client that went away is not an error here.</summary>
    private static async Task Bounded(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or IOException or InvalidOperationException)
        {
        }
    }

    private static bool TryRun(string path, out int run, out string rest)
    {
        run = 0;
        rest = "/";
        if (!path.StartsWith("/r/", StringComparison.Ordinal))
        {
            return false;
        }
        var end = path.IndexOf('/', 3);
        var number = end < 0 ? path[3..] : path[3..end];
        rest = end < 0 ? "/" : path[end..];
        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out run);
    }

    private static async Task<bool> IsFirstGroupAsync(HttpContext context, ChaosComponent component)
    {
        var path = context.Request.Path.Value ?? "/";
        switch (component)
        {
            case ChaosComponent.Frontend:
                return path == "/";
            case ChaosComponent.Backend:
                return path == "/health";
            default:
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return true;
                }
                context.Request.EnableBuffering();
                try
                {
                    using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                    return !(document.RootElement.ValueKind == JsonValueKind.Object
                        && document.RootElement.TryGetProperty("method", out var method)
                        && method.ValueKind == JsonValueKind.String
                        && method.GetString() == "tools/call");
                }
                catch (Exception ex) when (ex is JsonException or IOException or OperationCanceledException)
                {
                    return true;
                }
                finally
                {
                    context.Request.Body.Position = 0;
                }
        }
    }

    private static string WrongJson(ChaosComponent component, bool first, int variant, RunState state)
    {
        string[] documents = (component, first) switch
        {
            (ChaosComponent.Frontend, true) => ["{\"hello\":\"not html\"}", "[]"],
            (ChaosComponent.Frontend, false) =>
            [
                "{\"status\":\"ok\"}",
                "{\"backendUrl\":\"https://backend.elsewhere.example\",\"domainKeyConfigured\":true}",
                JsonSerializer.Serialize(new { backendUrl = state.BackendUrl.ToString(), domainKeyConfigured = false }),
                JsonSerializer.Serialize(new { backendUrl = state.BackendUrl.ToString(), domainKeyConfigured = "true" }),
                "{\"backendUrl\":",
            ],
            (ChaosComponent.Backend, true) =>
            [
                "{\"status\":\"ok\"}",
                "{\"status\":\"ok\",\"database\":\"degraded\"}",
                "{\"status\":\"OK\",\"database\":\"ok\"}",
                "\"ok\"",
                "null",
                "{\"status\":\"ok\",\"datab",
            ],
            // Tasks: anything but a JSON array (an array would be a correct answer to a valid token).
            (ChaosComponent.Backend, false) => ["{\"tasks\":[]}", "{\"detail\":\"Not authenticated\"}", "42", "null", "[{\"id\":1,"],
            _ =>
            [
                "{\"jsonrpc\":\"2.0\",\"id\":\"not-the-request\",\"result\":{}}",
                "{\"hello\":\"world\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":",
                "[]",
            ],
        };
        return documents[variant % documents.Length];
    }

    private static void MapFrontend(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Content("<!doctype html><html><body>Todo</body></html>", "text/html"));
        app.MapGet("/api/health", (HttpContext context) =>
        {
            var state = (RunState)context.Items[nameof(RunState)]!;
            return Results.Json(new Dictionary<string, object>
            {
                ["status"] = "ok",
                ["backendUrl"] = state.BackendUrl.ToString().TrimEnd('/'),
                ["domainKeyConfigured"] = true,
            });
        });
    }

    private void MapBackend(IEndpointRouteBuilder app)
    {
        var handler = new JsonWebTokenHandler();
        var parameters = ContractBackend.TokenValidation(JwtSecretKey);
        app.MapGet("/health", () => Results.Json(new { status = "ok", database = "ok" }));
        app.MapGet("/api/{userId}/tasks", async (string userId, HttpRequest request) =>
        {
            var header = request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return Results.Json(new { detail = "Not authenticated" }, statusCode: 401);
            }
            var validation = await handler.ValidateTokenAsync(header["Bearer ".Length..], parameters).ConfigureAwait(false);
            if (!validation.IsValid)
            {
                return Results.Json(new { detail = "Invalid token" }, statusCode: 401);
            }
            var caller = validation.Claims.TryGetValue("sub", out var sub) ? sub as string : null;
            if (!string.Equals(caller, userId, StringComparison.Ordinal))
            {
                return Results.Json(new { detail = "Forbidden" }, statusCode: 403);
            }
            return Results.Json(Array.Empty<object>());
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in new[] { mcp, frontend, backend })
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
        foreach (var raw in new[] { stall, reset, garbage })
        {
            if (raw is not null)
            {
                await raw.DisposeAsync().ConfigureAwait(false);
            }
        }
        closed?.Dispose();
        mcpToBackend?.Dispose();
    }
}
