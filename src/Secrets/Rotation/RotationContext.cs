namespace Provisioning.Secrets.Rotation;

/// <summary>What every rotation works with: the system, its vault, its platform and the clock.</summary>
/// <param name="TokenLifetime">The longest life of a token signed with the old key (docs/contract.md: 15 minutes).</param>
public sealed record RotationContext(SystemDescription System, IRotationVault Vault, IRotationPlatform Platform, TimeProvider Time, TimeSpan TokenLifetime)
{
    /// <summary>The contract's longest token life (service tokens, 15 minutes).</summary>
    public static readonly TimeSpan ContractTokenLifetime = TimeSpan.FromMinutes(15);
}
