namespace Provisioning.Probes;

/// <summary>The one HttpClient a host keeps for all runs.</summary>
public static class ProbeHttp
{
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        // Container Apps revisions come and go behind the same name: re-resolve now and then.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        // A redirect to a login page must not turn a 401 into a 200.
        AllowAutoRedirect = false,
    })
    {
        // The runner enforces per-check timeouts and the run deadline.
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { { "User-Agent", "todo-probe/1.0" } },
    };
}
