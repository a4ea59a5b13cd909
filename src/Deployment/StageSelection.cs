namespace Provisioning.Deployment;

/// <summary>
/// Which stages one invocation runs: all of them, one (<c>--stage</c>), or a contiguous part (<c>--from</c>,
/// <c>--through</c>). Only ever a slice of <see cref="DeploymentStages.All"/>, so no caller can reorder them.
/// </summary>
public static class StageSelection
{
    /// <returns>The stages, or the problem with the names given (naming the valid ones).</returns>
    public static (IReadOnlyList<DeploymentStage> Stages, string? Problem) Select(string? only, string? from, string? through)
    {
        var all = DeploymentStages.All;
        var valid = string.Join(", ", all.Select(s => s.Name));
        foreach (var (option, name) in new[] { ("--stage", only), ("--from", from), ("--through", through) })
        {
            if (name is not null && DeploymentStages.Named(name) is null)
            {
                return ([], $"{option} {name}: there is no such stage. Fix: use one of {valid}.");
            }
        }
        if (only is not null)
        {
            return from is null && through is null
                ? ([DeploymentStages.Named(only)!], null)
                : ([], "--stage runs one stage; it cannot be combined with --from or --through.");
        }
        var first = from is null ? 0 : IndexOf(from);
        var last = through is null ? all.Count - 1 : IndexOf(through);
        return first <= last
            ? ([.. all.Skip(first).Take(last - first + 1)], null)
            : ([], $"--from {from} comes after --through {through}; the stages run in the order {valid}.");
    }

    private static int IndexOf(string name) => DeploymentStages.All.ToList().FindIndex(s => s.Name == name);
}
