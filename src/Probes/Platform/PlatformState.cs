namespace Provisioning.Probes.Platform;

/// <summary>A resource group deployment as ARM reports it (<c>Microsoft.Resources/deployments</c>).</summary>
/// <param name="Timestamp">ARM's <c>properties.timestamp</c>: when the deployment last changed state (for a finished one, when it ended).</param>
/// <param name="Outputs">String outputs by name (ARM output names are case-insensitive).</param>
public sealed record EnvironmentDeployment(string Name, string ProvisioningState, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string> Outputs);

/// <summary>One execution of a Container Apps job (<c>Microsoft.App/jobs/executions</c>).</summary>
/// <param name="Status">ARM's <c>properties.status</c>: Running, Processing, Stopped, Degraded, Failed, Unknown or Succeeded.</param>
public sealed record JobExecution(string Name, string Status, DateTimeOffset? StartTime, DateTimeOffset? EndTime);

/// <summary>One revision of a container app (<c>Microsoft.App/containerApps/revisions</c>), with the fields the check judges.</summary>
public sealed record AppRevision(
    string Name,
    DateTimeOffset? CreatedTime,
    bool Active,
    int TrafficWeight,
    int Replicas,
    string ProvisioningState,
    string RunningState,
    string HealthState,
    string? ProvisioningError);
