namespace Provisioning.Probes.Platform;

/// <summary>
/// What the platform checks read from Azure Resource Manager, for one resource group. The ARM implementation
/// (<see cref="ArmPlatformReader"/>) throws <see cref="ArmRequestException"/> for any answer it cannot use; the
/// checks turn that into a reason a person can act on.
/// </summary>
public interface IPlatformReader
{
    /// <summary>The newest succeeded deployment whose outputs include FRONTEND_URL (the environment's main.bicep), or null.</summary>
    Task<EnvironmentDeployment?> GetLatestEnvironmentDeploymentAsync(CancellationToken cancellationToken);

    /// <summary>When the job resource was last written (<c>systemData.lastModifiedAt</c>): every deployment of main.bicep writes it.</summary>
    Task<DateTimeOffset?> GetJobLastModifiedAsync(string jobName, CancellationToken cancellationToken);

    Task<IReadOnlyList<JobExecution>> GetJobExecutionsAsync(string jobName, CancellationToken cancellationToken);

    Task<IReadOnlyList<AppRevision>> GetRevisionsAsync(string appName, CancellationToken cancellationToken);
}
