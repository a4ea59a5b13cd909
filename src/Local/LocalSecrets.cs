using System.Security.Cryptography;
using Provisioning.Environments.Model;

namespace Provisioning.Local;

/// <summary>
/// What a local run uses where a deployment reads its secure parameters from the environment: fresh values per run,
/// never a real environment's. The database administrator's password is the local server's own (not here).
/// </summary>
/// <param name="JwtSecretKey">JWT_SECRET_KEY: what every issuer signs with.</param>
/// <param name="JwtSecretKeyPrevious">JWT_SECRET_KEY_PREVIOUS: set only during a rotation window (backend only).</param>
/// <param name="DatabasePasswords">The passwords of the owner, app and probe roles, by secure parameter name.</param>
public sealed record LocalSecrets(string JwtSecretKey, string? JwtSecretKeyPrevious, IReadOnlyDictionary<string, string> DatabasePasswords)
{
    public static LocalSecrets New() => new(NewJwtSecretKey(), null, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TodoSystem.PostgresOwnerPasswordParameter] = NewPassword(),
        [TodoSystem.PostgresAppPasswordParameter] = NewPassword(),
        [TodoSystem.PostgresProbePasswordParameter] = NewPassword(),
    });

    /// <summary>48 random bytes, base64: above the contract's 32-byte minimum.</summary>
    public static string NewJwtSecretKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    /// <summary>24 random bytes as hex: within every role password's length rule.</summary>
    public static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>This run's value of a secure parameter of the model; null for one the local run leaves unset (OpenAI key).</summary>
    public string? ParameterValue(string parameter) => parameter switch
    {
        TodoSystem.JwtSecretKeyParameter => JwtSecretKey,
        TodoSystem.JwtSecretKeyPreviousParameter => JwtSecretKeyPrevious,
        _ => DatabasePasswords.GetValueOrDefault(parameter),
    };

    public override string ToString() => $"JWT_SECRET_KEY ***{(JwtSecretKeyPrevious is null ? "" : ", JWT_SECRET_KEY_PREVIOUS ***")}, {DatabasePasswords.Count} role password(s) ***";
}
