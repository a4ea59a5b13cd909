namespace Provisioning.HealthProbe.Tests;

/// <summary>
/// Sets process environment variables until disposed, then puts back what was there. App settings reach a Function
/// as environment variables, and parts of the Functions worker read them there directly rather than through
/// IConfiguration, so a test of the real composition has to set them process-wide (this assembly runs its tests
/// one at a time).
/// </summary>
internal sealed class ProcessEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> previous = [];

    private ProcessEnvironment(IReadOnlyDictionary<string, string?> values)
    {
        foreach (var (name, value) in values)
        {
            previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>
    /// Exactly <paramref name="values"/>, plus <paramref name="unset"/> removed when not among them, so a variable that
    /// happens to be set on the test machine cannot decide the outcome.
    /// </summary>
    public static ProcessEnvironment Set(IReadOnlyDictionary<string, string> values, IEnumerable<string> unset)
    {
        var all = values.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        foreach (var name in unset)
        {
            all.TryAdd(name, null);
        }
        return new ProcessEnvironment(all);
    }

    public void Dispose()
    {
        foreach (var (name, value) in previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
