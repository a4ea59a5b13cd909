namespace Provisioning.Secrets.Rotation;

/// <summary>The rotation's vault in Azure: the environment's Key Vault through Azure Resource Manager (control plane).</summary>
public sealed class ArmRotationVault(ArmVault arm, SecretsTarget target) : IRotationVault
{
    public SecretsTarget Target => target;

    public Task<VaultSecretInfo?> GetAsync(string name, CancellationToken cancellationToken) => arm.GetSecretAsync(target, name, cancellationToken);

    public Task<VaultSecretInfo> WriteAsync(string name, string value, string? contentType, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        arm.WriteSecretAsync(target, name, value, contentType, tags, cancellationToken);

    public Task UpdateTagsAsync(string name, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        arm.UpdateSecretAsync(target, name, tags, enabled: null, cancellationToken);

    public Task DisableAsync(string name, CancellationToken cancellationToken) =>
        arm.UpdateSecretAsync(target, name, tags: null, enabled: false, cancellationToken);
}
