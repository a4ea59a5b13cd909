using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Provisioning.Local;

/// <summary>
/// The local stand-in for Container Apps' ingress in single revision mode: a reverse proxy (YARP's forwarder) on the
/// component's public port that sends each request to the process of its current revision. A roll-out starts a new
/// process, switches the ingress to it once it is healthy, and stops the old one only when the requests it was
/// serving have finished, so no request sees the change (<see cref="LocalStack.RollOutAsync"/>).
/// </summary>
internal sealed class LocalIngress : IAsyncDisposable
{
    private readonly WebApplication app;
    private Revision? current;

    /// <summary>One process behind the ingress, with the requests it is serving now.</summary>
    internal sealed class Revision(int port) : IDisposable
    {
        public int Port { get; } = port;

        public string Prefix { get; } = $"http://127.0.0.1:{port}/";

        // Its own connections: none of them is reused for the next revision, and disposing it closes them.
        public HttpMessageInvoker Invoker { get; } = new(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        });

        private int inFlight;

        public int InFlight => Volatile.Read(ref inFlight);

        public void Enter() => Interlocked.Increment(ref inFlight);

        public void Leave() => Interlocked.Decrement(ref inFlight);

        public void Dispose() => Invoker.Dispose();
    }

    private LocalIngress(WebApplication app) => this.app = app;

    public static async Task<LocalIngress> StartAsync(int publicPort, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, publicPort);
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var ingress = new LocalIngress(app);
        app.Run(ingress.ForwardAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return ingress;
    }

    /// <summary>Sends the following requests to the process on <paramref name="port"/>; returns the revision that served until now.</summary>
    public Revision? SwitchTo(int port) => Interlocked.Exchange(ref current, new Revision(port));

    /// <summary>Waits until the old revision has answered every request it had (at most <paramref name="limit"/>), then closes its connections.</summary>
    public static async Task DrainAsync(Revision old, TimeSpan limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(old);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (old.InFlight > 0 && waited.Elapsed < limit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
        old.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var revision = Volatile.Read(ref current);
        if (revision is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        // A stream the client holds open (an MCP client's GET for server messages) is no request to wait for: a drain
        // ends it, as deactivating a revision does, and the client opens it again on the new one.
        var stream = context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase)
            && HttpMethods.IsGet(context.Request.Method);
        if (!stream)
        {
            revision.Enter();
        }
        try
        {
            var forwarder = context.RequestServices.GetRequiredService<IHttpForwarder>();
            await forwarder.SendAsync(context, revision.Prefix, revision.Invoker, ForwarderRequestConfig.Empty, HttpTransformer.Default).ConfigureAwait(false);
        }
        finally
        {
            if (!stream)
            {
                revision.Leave();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        Interlocked.Exchange(ref current, null)?.Dispose();
    }
}
