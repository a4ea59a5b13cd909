using System.Collections.Concurrent;
using Microsoft.ApplicationInsights.Channel;

namespace Provisioning.HealthProbe.Tests;

/// <summary>Keeps every telemetry item the TelemetryClient would have sent.</summary>
internal sealed class CapturingChannel : ITelemetryChannel, IAsyncFlushable
{
    public ConcurrentQueue<ITelemetry> Items { get; } = new();
    public bool? DeveloperMode { get; set; }
    public string EndpointAddress { get; set; } = "http://127.0.0.1:9/never-used";
    public int Flushes { get; private set; }

    public void Send(ITelemetry item) => Items.Enqueue(item);
    public void Flush() => Flushes++;

    /// <summary>TelemetryClient.FlushAsync only reaches channels that flush asynchronously, as the real one does.</summary>
    public Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        Flushes++;
        return Task.FromResult(true);
    }
    public void Dispose() { }
}
