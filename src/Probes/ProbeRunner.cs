using System.Diagnostics;
using System.Globalization;
using Provisioning.Probes.Running;

namespace Provisioning.Probes;

/// <summary>
/// Runs checks concurrently, each under its own timeout and all under one run deadline, and never throws
/// because of a check: whatever a check does (throw, hang, ignore cancellation) becomes a result.
/// </summary>
/// <remarks>
/// Dependents are started at the same time as the checks they depend on, not after them: a run then takes
/// about as long as its slowest check, not its longest chain. Only the verdict waits: a dependent whose
/// dependency did not pass is reported Skipped, so one root cause raises one alert. A SecurityFail is the
/// exception: it is reported whatever its dependencies did, because hiding it would hide an open door.
/// </remarks>
public static class ProbeRunner
{
    public static async Task<ProbeReport> RunAsync(IReadOnlyList<IProbeCheck> checks, ProbeContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(context);
        var startedAt = context.Clock.GetUtcNow();
        var start = context.Clock.GetTimestamp();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(context.Settings.RunDeadline);

        var own = new Dictionary<string, Task<CheckResult>>(StringComparer.Ordinal);
        foreach (var check in checks)
        {
            if (!own.TryAdd(check.Name, RunOneAsync(check, context, deadline.Token)))
            {
                throw new ArgumentException($"Two checks are named '{check.Name}'.", nameof(checks));
            }
        }

        var results = new List<CheckResult>(checks.Count);
        foreach (var check in checks)
        {
            results.Add(await JudgeAsync(check, own).ConfigureAwait(false));
        }
        return new ProbeReport(startedAt, context.Clock.GetElapsedTime(start), results);
    }

    private static async Task<CheckResult> JudgeAsync(IProbeCheck check, Dictionary<string, Task<CheckResult>> own)
    {
        var result = await own[check.Name].ConfigureAwait(false);
        if (result.Outcome == CheckOutcome.SecurityFail)
        {
            return result;
        }
        foreach (var dependency in check.DependsOn)
        {
            // A dependency that is not part of this run cannot vouch for anything: judge on the check's own result.
            if (!own.TryGetValue(dependency, out var dependencyTask))
            {
                continue;
            }
            var dependencyResult = await dependencyTask.ConfigureAwait(false);
            if (dependencyResult.Outcome != CheckOutcome.Pass)
            {
                return result with
                {
                    Outcome = CheckOutcome.Skipped,
                    Kind = FailureKind.Dependency,
                    Reason = $"skipped: depends on {dependency}, which did not pass (fix that first)",
                };
            }
        }
        return result;
    }

    private static async Task<CheckResult> RunOneAsync(IProbeCheck check, ProbeContext context, CancellationToken runToken)
    {
        // Yield first so a check that blocks synchronously cannot hold up starting the others.
        await Task.Yield();
        var start = context.Clock.GetTimestamp();
        var timeout = context.Settings.TimeLimit(check);
        using var checkCts = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        checkCts.CancelAfter(timeout);
        CheckVerdict verdict;
        Task<CheckVerdict>? running = null;
        try
        {
            running = check.RunAsync(context, checkCts.Token);
            // WaitAsync returns at the timeout or deadline even if the check ignores its token.
            verdict = await running.WaitAsync(timeout, runToken).ConfigureAwait(false);
        }
        catch (Exception) when (runToken.IsCancellationRequested)
        {
            verdict = CheckVerdict.Fail(FailureKind.Timeout,
                $"timeout: the run deadline of {Seconds(context.Settings.RunDeadline)} s passed before this check finished");
        }
        catch (Exception ex) when (ex is TimeoutException || checkCts.IsCancellationRequested)
        {
            verdict = CheckVerdict.Fail(FailureKind.Timeout, $"timeout: no complete answer within {Seconds(timeout)} s");
        }
        catch (Exception ex)
        {
            verdict = FailureClassifier.Classify(ex);
        }
        finally
        {
            // Stop whatever the check still has in flight (a hung request) now that it has been judged.
            await checkCts.CancelAsync().ConfigureAwait(false);
            // A check abandoned at its timeout may still fail later (a reset arriving after the verdict): observe that
            // failure here, or it would surface as an UnobservedTaskException in the host, outside any result.
            if (running is { IsCompleted: false })
            {
                _ = running.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        return new CheckResult(check.Name, check.Component, verdict.Outcome, verdict.Kind,
            context.Clock.GetElapsedTime(start), context.Settings.Redact(Text.OneLine(verdict.Reason)));
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
