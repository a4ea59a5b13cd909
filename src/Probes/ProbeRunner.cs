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
/// Time is judged against the contract: an answer after a check's limit fails as Slow with both figures, no answer
/// within <see cref="ProbeSettings.WaitLimits"/> limits as Timeout; and a time verdict that the probe's own scheduling
/// delay can explain is not blamed on the component (Skipped, kind Starved; <c>probe.scheduling</c> fails instead).
/// </remarks>
public static class ProbeRunner
{
    /// <summary>One check's own result with the window it ran in, for the starvation judgement.</summary>
    private sealed record Ran(IProbeCheck Check, CheckResult Result, long Start, long End, TimeSpan Limit);

    public static async Task<ProbeReport> RunAsync(IReadOnlyList<IProbeCheck> checks, ProbeContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(context);
        var startedAt = context.Clock.GetUtcNow();
        var start = context.Clock.GetTimestamp();
        if (checks.Select(c => c.Name).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two checks are named '{twice.Key}'.", nameof(checks));
        }

        await using var monitor = new SchedulingMonitor(context.Clock);
        var runContext = context with { Scheduling = monitor };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(context.Settings.RunDeadline);

        var notRun = checks.Where(c => !Reachable(c, context.Settings)).ToDictionary(c => c.Name, c => NotRunFromHere(c), StringComparer.Ordinal);
        var callers = checks.Where(c => !c.ObservesRun && !notRun.ContainsKey(c.Name))
            .ToDictionary(c => c.Name, c => RunOneAsync(c, runContext, deadline.Token, observer: false), StringComparer.Ordinal);
        // Observers wait for the callers; the run deadline is for the callers, so an observer links only to the caller's token.
        var observers = checks.Where(c => c.ObservesRun && !notRun.ContainsKey(c.Name))
            .ToDictionary(c => c.Name, c => RunOneAsync(c, runContext, cancellationToken, observer: true), StringComparer.Ordinal);

        var own = new Dictionary<string, CheckResult>(notRun, StringComparer.Ordinal);
        var excused = new List<string>();
        foreach (var ran in await Task.WhenAll(callers.Values).ConfigureAwait(false))
        {
            var result = Excuse(ran, monitor, context.Settings);
            if (result.Kind == FailureKind.Starved)
            {
                excused.Add(ran.Check.Name);
            }
            own[ran.Check.Name] = result;
        }
        var smallest = checks.Where(c => callers.ContainsKey(c.Name)).Select(context.Settings.TimeLimit).DefaultIfEmpty(context.Settings.RunDeadline).Min();
        var summary = monitor.Complete(smallest, excused);
        foreach (var ran in await Task.WhenAll(observers.Values).ConfigureAwait(false))
        {
            own[ran.Check.Name] = ran.Result;
        }

        var reconciled = checks.ToDictionary(c => c.Name, c => c.Reconcile(own[c.Name], own), StringComparer.Ordinal);
        var results = checks.Select(c => Judge(c, reconciled)).ToList();
        return new ProbeReport(startedAt, context.Clock.GetElapsedTime(start), results) { Scheduling = summary };
    }

    private static bool Reachable(IProbeCheck check, ProbeSettings settings) =>
        settings.Location == ProbeLocation.Inside || check.ObservesRun || !ProbeReach.InsideOnly(check.Spec);

    private static CheckResult NotRunFromHere(IProbeCheck check) =>
        new(check.Name, check.Component, CheckOutcome.NotRun, FailureKind.None, TimeSpan.Zero,
            $"not run from here: {check.Component} has internal ingress, reachable only inside the environment; the probe there runs this check");

    private static CheckResult Judge(IProbeCheck check, Dictionary<string, CheckResult> own)
    {
        var result = own[check.Name];
        if (result.Outcome is CheckOutcome.SecurityFail or CheckOutcome.NotRun)
        {
            return result;
        }
        foreach (var dependency in check.DependsOn)
        {
            // A dependency that is not part of this run (or not run from here) cannot vouch for anything: judge on the check's own result.
            if (!own.TryGetValue(dependency, out var dependencyResult) || dependencyResult.Outcome == CheckOutcome.NotRun)
            {
                continue;
            }
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

    /// <summary>
    /// A time verdict the probe's own delay explains is not the component's: if the check's duration without the time
    /// the probe could not act is within its limit, the component may well have answered in time. Below
    /// <see cref="SchedulingSummary.ExcuseFloor"/> of lost time a shared host's ordinary jitter is no excuse.
    /// </summary>
    private static CheckResult Excuse(Ran ran, SchedulingMonitor monitor, ProbeSettings settings)
    {
        var result = ran.Result;
        if (result.Outcome != CheckOutcome.Fail || result.Kind is not (FailureKind.Timeout or FailureKind.Slow))
        {
            return result;
        }
        var (lost, worst) = monitor.Between(ran.Start, ran.End);
        if (lost < SchedulingSummary.ExcuseFloor || result.Duration - lost > ran.Limit)
        {
            return result;
        }
        return result with
        {
            Outcome = CheckOutcome.Skipped,
            Kind = FailureKind.Starved,
            Reason = settings.Redact(Text.OneLine(
                $"not judged, probe starved: during this check the probe's own timers lost {SchedulingSummary.Seconds(lost)} s (up to {SchedulingSummary.Seconds(worst)} s at once), " +
                $"so \"{result.Reason}\" says nothing about {ran.Check.Component} (see {CheckNames.ProbeScheduling})")),
        };
    }

    private static async Task<Ran> RunOneAsync(IProbeCheck check, ProbeContext context, CancellationToken runToken, bool observer)
    {
        // Yield first so a check that blocks synchronously cannot hold up starting the others.
        await Task.Yield();
        var start = context.Clock.GetTimestamp();
        var limit = context.Settings.TimeLimit(check);
        // An observer ends when the callers end (bounded by the deadline), so the deadline bounds its wait too.
        var wait = observer ? context.Settings.RunDeadline + limit : context.Settings.Wait(check);
        using var checkCts = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        checkCts.CancelAfter(wait);
        CheckVerdict verdict;
        Task<CheckVerdict>? running = null;
        try
        {
            running = check.RunAsync(context, checkCts.Token);
            // WaitAsync returns at the timeout or deadline even if the check ignores its token.
            verdict = await running.WaitAsync(wait, runToken).ConfigureAwait(false);
        }
        catch (Exception) when (runToken.IsCancellationRequested)
        {
            verdict = CheckVerdict.Fail(FailureKind.Timeout,
                $"timeout: the run deadline of {Seconds(context.Settings.RunDeadline)} s passed before this check finished");
        }
        catch (Exception ex) when (ex is TimeoutException || checkCts.IsCancellationRequested)
        {
            verdict = CheckVerdict.Fail(FailureKind.Timeout,
                $"timeout: no complete answer within {Seconds(limit)} s, its time limit, nor in the {Seconds(wait - limit)} s the probe waits beyond it to time a late answer");
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

        var end = context.Clock.GetTimestamp();
        var elapsed = context.Clock.GetElapsedTime(start, end);
        if (!observer)
        {
            verdict = Late(verdict, elapsed, limit, context.Settings.CheckTimeout is null ? "the contract" : SettingNames.CheckTimeoutSeconds);
        }
        var result = new CheckResult(check.Name, check.Component, verdict.Outcome, verdict.Kind, elapsed,
            context.Settings.Redact(Text.OneLine(verdict.Reason)));
        return new Ran(check, result, start, end, limit);
    }

    /// <summary>An answer after the limit: a pass becomes a Slow failure with both figures; a failure keeps its cause and says when it came.</summary>
    private static CheckVerdict Late(CheckVerdict verdict, TimeSpan elapsed, TimeSpan limit, string whose)
    {
        if (elapsed <= limit || verdict.Outcome == CheckOutcome.SecurityFail || verdict.Kind == FailureKind.Timeout)
        {
            return verdict;
        }
        var when = $"answered after {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s, {whose} allows {Seconds(limit)} s";
        return verdict.Outcome == CheckOutcome.Pass
            ? CheckVerdict.Fail(FailureKind.Slow, $"slow: {when} (otherwise: {verdict.Reason})")
            : verdict with { Reason = $"{verdict.Reason} ({when})" };
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
