using System.Security.Cryptography;

namespace Provisioning.Local;

/// <summary>
/// The values a local run invents where an environment has Key Vault secrets and per-environment settings. Fresh per
/// run, never a real environment's key.
/// </summary>
/// <param name="JwtSecretKey">JWT_SECRET_KEY: what every issuer signs with.</param>
/// <param name="JwtSecretKeyPrevious">JWT_SECRET_KEY_PREVIOUS: set only during a rotation window (backend only).</param>
/// <param name="DomainKey">NEXT_PUBLIC_OPENAI_DOMAIN_KEY: public by design; a placeholder locally.</param>
public sealed record LocalSecrets(string JwtSecretKey, string? JwtSecretKeyPrevious = null, string DomainKey = "domain_pk_local")
{
    public static LocalSecrets New() => new(NewJwtSecretKey());

    /// <summary>48 random bytes, base64: above the contract's 32-byte minimum.</summary>
    public static string NewJwtSecretKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public override string ToString() => $"JWT_SECRET_KEY ***{(JwtSecretKeyPrevious is null ? "" : ", JWT_SECRET_KEY_PREVIOUS ***")}, domain key {DomainKey}";
}
