using Provisioning.Deployment;
using Provisioning.Secrets;
using Provisioning.Secrets.Rotation;

namespace Provisioning.Cli.Deploy;

internal sealed partial class AzureStages
{
    /// <summary>The presence flag of jwt-secret-key-previous the parameter files read.</summary>
    private static readonly string PreviousKeyFlag = TodoSystem.Description.SecureParameter(TodoSystem.JwtSecretKeyPreviousParameter).PresenceVariable;

    /// <summary>
    /// Hands the backend's key references to the deployment that follows, as the vault's state says they are
    /// (<see cref="JwtBackendReferences.FromVault"/>): during a key rotation window the previous key and the pinned
    /// version, otherwise neither. Read for every template deployment, never cached and never from the shell, so a
    /// deployment during a rotation keeps it, and a stale HAS_JWT_SECRET_KEY_PREVIOUS cannot drop a key in use.
    /// </summary>
    private async Task KeepKeyReferencesAsync(DeploymentStage stage, CancellationToken cancellationToken)
    {
        var references = await ReadKeyReferencesAsync(cancellationToken).ConfigureAwait(false);
        await KeepAsync(stage, PreviousKeyFlag, references.Previous ? "true" : "false", cancellationToken).ConfigureAwait(false);
        await KeepAsync(stage, TodoSystem.JwtSecretKeyPin.Variable, references.PinnedVersion ?? "", cancellationToken).ConfigureAwait(false);
        if (references != JwtBackendReferences.Steady)
        {
            await Say($"a key rotation is open: the backend reads {references}").ConfigureAwait(false);
        }
    }

    private async Task<JwtBackendReferences> ReadKeyReferencesAsync(CancellationToken cancellationToken)
    {
        var subscription = request.Value(PlatformSettingNames.SubscriptionId)
            ?? throw new StageFailedException(ExitCodes.InvalidInput, $"AZURE_SUBSCRIPTION_ID is not set. Fix: {request.HowToSet(PlatformSettingNames.SubscriptionId, "<subscription id>")}.");
        var access = request.Arm();
        var arm = new ArmVault(access.Credential, access.Options());
        try
        {
            var target = await arm.FindTargetAsync(subscription, Group, cancellationToken).ConfigureAwait(false);
            return JwtBackendReferences.FromVault(await arm.GetSecretAsync(target, TodoSystem.JwtSecretKeyPreviousSecret, cancellationToken).ConfigureAwait(false));
        }
        catch (SecretsInitException e)
        {
            throw new StageFailedException(ExitCodes.CheckFailed, $"cannot read the key rotation's state from the vault: {e.Message}");
        }
    }
}
