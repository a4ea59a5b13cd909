using Azure;
using Azure.Identity;
using Provisioning.Probes;
using Provisioning.Probes.Platform;

namespace Provisioning.Cli.Commands;

/// <summary>
/// What <c>probe --resource-group</c> learns from Azure Resource Manager before the run: the latest environment
/// deployment's outputs (URLs, job name) and the platform checks' targets.
/// </summary>
internal sealed record ProbePlatform(IPlatformReader Reader, IReadOnlyDictionary<string, string> Outputs, PlatformTargets? Targets)
{
    public const string SubscriptionVariable = PlatformSettingNames.SubscriptionId;

    /// <summary>Bounds the look-up (with the SDK's retries) so a hung sign-in or endpoint cannot hang the command.</summary>
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Returns null and adds to <paramref name="problems"/> when the deployment cannot be read.</summary>
    public static async Task<ProbePlatform?> ReadAsync(string resourceGroup, string? subscription, Func<string, string?> environmentVariables,
        Func<ArmAccess> arm, List<string> problems, CancellationToken cancellationToken)
    {
        subscription ??= environmentVariables(SubscriptionVariable);
        if (string.IsNullOrWhiteSpace(subscription))
        {
            problems.Add($"--resource-group {resourceGroup}: no subscription: pass --subscription or set {SubscriptionVariable} (azd sets it in .azure/<env>/.env)");
            return null;
        }
        var access = arm();
        var reader = new ArmPlatformReader(access.Credential, subscription, resourceGroup, access.Options());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LookupTimeout);
        EnvironmentDeployment? deployment;
        try
        {
            deployment = await reader.GetLatestEnvironmentDeploymentAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (ArmRequestException ex)
        {
            problems.Add($"--resource-group {resourceGroup}: cannot read its deployments: {PlatformFailure.Reason(ex)}");
            return null;
        }
        catch (AuthenticationFailedException ex)
        {
            problems.Add($"--resource-group {resourceGroup}: cannot sign in to Azure ({FirstLine(ex.Message)}); run `az login` or `azd auth login`, or set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET");
            return null;
        }
        catch (RequestFailedException ex)
        {
            problems.Add($"--resource-group {resourceGroup}: cannot reach Azure Resource Manager: {FirstLine(ex.Message)}");
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problems.Add($"--resource-group {resourceGroup}: Azure Resource Manager did not answer within {LookupTimeout.TotalSeconds:0} s");
            return null;
        }
        if (deployment is null)
        {
            problems.Add($"--resource-group {resourceGroup}: no succeeded deployment with a {SettingNames.FrontendUrl} output; deploy generated/<env>/main.bicep into it first");
            return null;
        }
        var (targets, missing) = PlatformTargets.FromOutputs(resourceGroup, deployment.Outputs, deployment.Timestamp);
        if (targets is null)
        {
            problems.Add($"--resource-group {resourceGroup}: deployment {deployment.Name} lacks the outputs {string.Join(", ", missing)} the platform checks need; regenerate and redeploy");
        }
        return new ProbePlatform(reader, deployment.Outputs, targets);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
