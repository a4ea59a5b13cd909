namespace Provisioning.Secrets.Rotation;

/// <summary>
/// The vault as a rotation uses it. Reading returns metadata only (Azure Resource Manager never returns a value), so
/// a rotation keeps its progress in tags (<see cref="RotationTags"/>) and can resume from any step after an
/// interruption without knowing a value it wrote.
/// </summary>
public interface IRotationVault
{
    /// <summary>The secret's latest version, or null when it does not exist.</summary>
    Task<VaultSecretInfo?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Writes a new version (enabled) with these tags; the versions before it stay.</summary>
    Task<VaultSecretInfo> WriteAsync(string name, string value, string? contentType, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    /// <summary>Replaces the tags of the latest version; the value and the version stay.</summary>
    Task UpdateTagsAsync(string name, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    /// <summary>
    /// Disables the secret: nobody can read it any more, its name and versions stay (Azure Resource Manager deletes no
    /// secret; a disabled one is as useless to a thief as a deleted one, and the next rotation's write enables it).
    /// </summary>
    Task DisableAsync(string name, CancellationToken cancellationToken);
}
