using Provisioning.Probes;
using Provisioning.TestSupport;

namespace Provisioning.ProbeServers;

/// <summary>The three HTTP components wired together on loopback, healthy unless told otherwise.</summary>
public sealed class TodoStack : IAsyncDisposable
{
    private TodoStack(string jwtSecretKey, LoopbackServer backend, LoopbackServer frontend, LoopbackServer mcp)
    {
        JwtSecretKey = jwtSecretKey;
        Backend = backend;
        Frontend = frontend;
        Mcp = mcp;
    }

    public string JwtSecretKey { get; }
    public LoopbackServer Backend { get; }
    public LoopbackServer Frontend { get; }
    public LoopbackServer Mcp { get; }
    public Uri McpUrl => new(Mcp.Url, "mcp");

    public static async Task<TodoStack> StartAsync(BackendOptions? backend = null, FrontendOptions? frontend = null, McpOptions? mcp = null)
    {
        var key = TestKeys.NewJwtSecret();
        string? frontendOrigin = null;
        var backendServer = await ContractBackend.StartAsync(key, backend, () => Volatile.Read(ref frontendOrigin)).ConfigureAwait(false);
        var frontendServer = await FakeFrontend.StartAsync(backendServer.Url, frontend).ConfigureAwait(false);
        Volatile.Write(ref frontendOrigin, ContractCors.OriginOf(frontendServer.Url));
        var mcpServer = await TodoMcpServer.StartAsync(backendServer.Url, key, mcp).ConfigureAwait(false);
        return new TodoStack(key, backendServer, frontendServer, mcpServer);
    }

    /// <summary>A PostgreSQL URL nobody listens on, or ever will during the run: the database check then fails "refused".</summary>
    public static string UnreachableDatabaseUrl() =>
        $"postgresql://probe:not-a-real-password@127.0.0.1:{FreePort.Refusing()}/todo?sslmode=disable";

    /// <summary>Settings pointing the probe at this stack, with short timeouts that keep tests fast.</summary>
    public ProbeSettings Settings(string? databaseUrl = null, TimeSpan? checkTimeout = null, TimeSpan? runDeadline = null) => new()
    {
        FrontendUrl = Frontend.Url,
        BackendUrl = Backend.Url,
        McpUrl = McpUrl,
        JwtSecretKey = JwtSecretKey,
        DatabaseUrl = databaseUrl ?? UnreachableDatabaseUrl(),
        Environment = "test",
        CheckTimeout = checkTimeout ?? TimeSpan.FromSeconds(5),
        RunDeadline = runDeadline ?? TimeSpan.FromSeconds(15),
    };

    /// <summary>The variables a host (Function, CLI) reads, as a lookup over this stack.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables(string? databaseUrl = null) => new Dictionary<string, string>
    {
        [SettingNames.FrontendUrl] = Frontend.Url.ToString(),
        [SettingNames.BackendUrl] = Backend.Url.ToString(),
        [SettingNames.McpUrl] = McpUrl.ToString(),
        [SettingNames.JwtSecretKey] = JwtSecretKey,
        [SettingNames.DatabaseUrl] = databaseUrl ?? UnreachableDatabaseUrl(),
        [SettingNames.Environment] = "test",
        [SettingNames.CheckTimeoutSeconds] = "5",
        [SettingNames.RunDeadlineSeconds] = "15",
    };

    public async ValueTask DisposeAsync()
    {
        await Mcp.DisposeAsync().ConfigureAwait(false);
        await Frontend.DisposeAsync().ConfigureAwait(false);
        await Backend.DisposeAsync().ConfigureAwait(false);
    }
}
