namespace Provisioning.Deployment;

/// <summary>
/// Carries a target through stages in the order given, stopping at the first that fails. A target supplies one action
/// per stage name and must supply every stage it is asked to run: a missing action is a programming error, not a
/// stage quietly skipped.
/// </summary>
public static class StageRunner
{
    /// <returns>0 when every stage ended; otherwise the failing stage's exit code (the later stages did not run).</returns>
    public static async Task<int> RunAsync(IReadOnlyList<DeploymentStage> stages, IReadOnlyDictionary<string, Func<CancellationToken, Task>> actions,
        TextWriter progress, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(progress);
        var missing = stages.Where(s => !actions.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"no action for stage(s) {string.Join(", ", missing)}", nameof(actions));
        }
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            await progress.WriteLineAsync($"{prefix}: stage {i + 1}/{stages.Count} {stage.Name}: {stage.Guarantee}").ConfigureAwait(false);
            try
            {
                await actions[stage.Name](cancellationToken).ConfigureAwait(false);
            }
            catch (StageFailedException failure)
            {
                var skipped = stages.Skip(i + 1).Select(s => s.Name).ToList();
                await progress.FlushAsync(cancellationToken).ConfigureAwait(false);
                throw new StageFailedException(failure.ExitCode, $"{prefix}: stage {stage.Name} failed: {failure.Message}" +
                    (skipped.Count > 0 ? $"{Environment.NewLine}{prefix}: not run: {string.Join(", ", skipped)}." : ""));
            }
        }
        return 0;
    }
}
