namespace Provisioning.Secrets.Rotation;

/// <summary>
/// The backend's key references: whether it also reads jwt-secret-key-previous, and the version of jwt-secret-key it
/// reads (null: the latest). A deployment passes them as HAS_JWT_SECRET_KEY_PREVIOUS and JWT_KEY_VERSION.
/// </summary>
public sealed record JwtBackendReferences(bool Previous, string? PinnedVersion)
{
    public static JwtBackendReferences Steady { get; } = new(false, null);

    /// <summary>
    /// What the vault's state says the backend needs: during a rotation window (jwt-secret-key-previous enabled and
    /// not released) the previous key and the pinned version; otherwise neither. Every deployment derives its
    /// references from this, so deploying during a window cannot undo it.
    /// </summary>
    public static JwtBackendReferences FromVault(VaultSecretInfo? previous) =>
        previous is { Enabled: true } && previous.Tag(RotationTags.Phase) != RotationTags.Released
            ? new(true, previous.Tag(RotationTags.PinnedVersion))
            : Steady;

    public override string ToString() =>
        (Previous ? "jwt-secret-key-previous and " : "") + "jwt-secret-key " + (PinnedVersion is null ? "(latest)" : "version " + PinnedVersion);
}
