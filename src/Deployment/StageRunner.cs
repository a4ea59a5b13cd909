namespace Provisioning.Deployment;

/// <summary>
/// Carries a target through stages in the order given, stopping at the first that fails. A target supplies one action
/// per stage (<see cref="StageActions"/>: it cannot leave one out).
/// </summary>
public static class StageRunner
{
    /// <returns>0 when every stage ended; otherwise the failing stage's exit code (the later stages did not run).</returns>
    public static async Task<int> RunAsync(IReadOnlyList<DeploymentStage> stages, StageActions actions,
        TextWriter progress, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(progress);
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            await progress.WriteLineAsync($"{prefix}: stage {i + 1}/{stages.Count} {stage.Name}: {stage.Guarantee}").ConfigureAwait(false);
            try
            {
                await actions.For(stage)(cancellationToken).ConfigureAwait(false);
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
