using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Provisioning.ProbeServers;

namespace Provisioning.HealthProbe.Tests;

/// <summary>
/// Stands in for Application Insights' ingestion endpoint on 127.0.0.1: keeps every envelope the SDK's channel
/// POSTs (newline-delimited JSON, usually gzip) and accepts them all, as the service does when they are valid.
/// </summary>
internal sealed class IngestionServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Envelope> envelopes = new();
    private readonly ConcurrentQueue<string> otherRequests = new();
    private LoopbackServer? server;

    public IReadOnlyCollection<Envelope> Envelopes => envelopes;

    /// <summary>Requests that were not telemetry (e.g. live metrics pings), for failure messages.</summary>
    public IReadOnlyCollection<string> OtherRequests => otherRequests;

    /// <summary>
    /// A connection string whose ingestion and live-metrics endpoints are this server, so nothing leaves the machine.
    /// No Authorization part: the deployed app adds Entra auth through APPLICATIONINSIGHTS_AUTHENTICATION_STRING,
    /// which needs a managed identity this machine does not have.
    /// </summary>
    public string ConnectionString => $"InstrumentationKey={InstrumentationKey};IngestionEndpoint={Url};LiveEndpoint={Url}";

    public static string InstrumentationKey => "11111111-2222-3333-4444-555555555555";

    public Uri Url => server?.Url ?? throw new InvalidOperationException("not started");

    public static async Task<IngestionServer> StartAsync()
    {
        var ingestion = new IngestionServer();
        ingestion.server = await LoopbackServer.StartAsync(null, app =>
        {
            app.MapPost("/v2.1/track", (Delegate)ingestion.TrackAsync);
            app.MapPost("/v2/track", (Delegate)ingestion.TrackAsync);
            app.MapFallback((HttpContext context) =>
            {
                ingestion.otherRequests.Enqueue($"{context.Request.Method} {context.Request.Path}");
                return Results.Ok();
            });
        }).ConfigureAwait(false);
        return ingestion;
    }

    /// <summary>Waits until <paramref name="done"/> holds for the envelopes received, at most <paramref name="limit"/>.</summary>
    public async Task<bool> WaitForAsync(Func<IReadOnlyCollection<Envelope>, bool> done, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (!done(envelopes))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return done(envelopes);
            }
        }
        return true;
    }

    private async Task<IResult> TrackAsync(HttpContext context)
    {
        Stream body = context.Request.Body;
        if (context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(body, CompressionMode.Decompress);
        }
        string text;
        using (var reader = new StreamReader(body))
        {
            text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }
        var count = 0;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            envelopes.Enqueue(new Envelope(JsonNode.Parse(line)!.AsObject()));
            count++;
        }
        return Results.Json(new { itemsReceived = count, itemsAccepted = count, errors = Array.Empty<object>() });
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
