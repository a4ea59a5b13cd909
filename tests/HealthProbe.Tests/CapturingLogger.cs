using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Provisioning.HealthProbe.Tests;

internal sealed record LogEntry(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State);

/// <summary>Keeps formatted messages and their structured state, to assert on both.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        Entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), values.ToDictionary(kv => kv.Key, kv => kv.Value)));
    }
}
