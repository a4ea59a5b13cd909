namespace Provisioning.Probes.Tests;

/// <summary>A check whose behaviour the test decides: to exercise the runner alone.</summary>
internal sealed class StubCheck(string name, Func<CancellationToken, Task<CheckVerdict>> run, params string[] dependsOn) : IProbeCheck
{
    public string Name => name;
    public string Component => "stub";
    public IReadOnlyList<string> DependsOn => dependsOn;
    public Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken) => run(cancellationToken);

    public static StubCheck Passing(string name, params string[] dependsOn) =>
        new(name, _ => Task.FromResult(CheckVerdict.Pass("fine")), dependsOn);

    /// <summary>Never finishes and ignores cancellation: the worst a check can do.</summary>
    public static StubCheck HangingForever(string name) =>
        new(name, _ => new TaskCompletionSource<CheckVerdict>().Task);
}
