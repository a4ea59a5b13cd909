namespace Provisioning.Probes.Platform;

/// <summary>
/// Azure Resource Manager answered a request with something other than 200 (after the SDK's retries).
/// </summary>
/// <param name="Status">The HTTP status, e.g. 403.</param>
/// <param name="Code">ARM's <c>error.code</c>, e.g. AuthorizationFailed, ResourceNotFound; empty when the body had none.</param>
/// <param name="ResourceId">The resource whose data was asked for (the job, the app, the resource group).</param>
/// <param name="Action">What was asked, e.g. <c>Microsoft.App/jobs/executions/read</c>.</param>
public sealed class ArmRequestException(int status, string code, string armMessage, string resourceId, string action)
    : Exception($"ARM answered {status} {code} for {action} on {resourceId}: {armMessage}")
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string ArmMessage { get; } = armMessage;
    public string ResourceId { get; } = resourceId;
    public string Action { get; } = action;
}
