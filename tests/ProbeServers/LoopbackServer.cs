using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Provisioning.TestSupport;

namespace Provisioning.ProbeServers;

/// <summary>A real Kestrel server on 127.0.0.1 and a free port; disposing it stops it.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    /// <param name="configureServices">Adds services before the app is built (e.g. the MCP server).</param>
    /// <param name="configureApp">Maps the endpoints.</param>
    /// <param name="certificate">When given, the server speaks only HTTPS with this certificate.</param>
    public static async Task<LoopbackServer> StartAsync(
        Action<WebApplicationBuilder>? configureServices,
        Action<WebApplication> configureApp,
        X509Certificate2? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(configureApp);
        // FreePort can race with another process taking the port between probe and bind: try a few ports.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }));
            configureServices?.Invoke(builder);
            var app = builder.Build();
            configureApp(app);
            try
            {
                await app.StartAsync().ConfigureAwait(false);
            }
            catch (IOException) when (attempt < 5)
            {
                await app.DisposeAsync().ConfigureAwait(false);
                continue;
            }
            var scheme = certificate is null ? "http" : "https";
            return new LoopbackServer(app, new Uri($"{scheme}://127.0.0.1:{port}/"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(stop.Token).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
