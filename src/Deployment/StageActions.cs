namespace Provisioning.Deployment;

/// <summary>
/// What a target does in each stage of <see cref="DeploymentStages.All"/>, one action per stage. A record with one
/// required member per stage, so a target that forgets a stage does not compile, and a new stage is added here, to
/// every target, at once.
/// </summary>
public sealed record StageActions(
    Func<CancellationToken, Task> Check,
    Func<CancellationToken, Task> Bootstrap,
    Func<CancellationToken, Task> Secrets,
    Func<CancellationToken, Task> Images,
    Func<CancellationToken, Task> Data,
    Func<CancellationToken, Task> Migration,
    Func<CancellationToken, Task> Workloads,
    Func<CancellationToken, Task> Verification)
{
    /// <summary>The action of <paramref name="stage"/>.</summary>
    public Func<CancellationToken, Task> For(DeploymentStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage.Name switch
        {
            "check" => Check,
            "bootstrap" => Bootstrap,
            "secrets" => Secrets,
            "images" => Images,
            "data" => Data,
            "migration" => Migration,
            "workloads" => Workloads,
            "verification" => Verification,
            _ => throw new ArgumentException($"{stage.Name} is not one of the deployment's stages", nameof(stage)),
        };
    }
}
