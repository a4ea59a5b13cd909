namespace Provisioning.Secrets.Rotation;

/// <summary>
/// What a rotation may know about a Key Vault secret without its value: the latest version, whether it is enabled,
/// its tags (where a rotation keeps its state) and when the latest version was written.
/// </summary>
public sealed record VaultSecretInfo(string Name, string Version, bool Enabled, IReadOnlyDictionary<string, string> Tags, DateTimeOffset? Created)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
