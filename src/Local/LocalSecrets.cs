using System.Security.Cryptography;
using Provisioning.Environments.Model;

namespace Provisioning.Local;

/// <summary>
/// What a local run uses where a deployment reads its secure parameters from the environment: a fresh value per run
/// for every secure parameter of the catalogue, never a real environment's, so a secret added to the catalogue
/// reaches its readers locally without an edit here. Left unset, as in an environment that does not provide them:
/// optional parameters (JWT_SECRET_KEY_PREVIOUS outside a rotation window), parameters an environment-file switch
/// turns on (OPENAI_API_KEY: a made-up key would only fail at OpenAI), and the administrator's password, which is the
/// local server's own.
/// </summary>
/// <param name="Values">This run's value of each secure parameter that is set, by parameter name.</param>
public sealed record LocalSecrets(IReadOnlyDictionary<string, string> Values)
{
    public static LocalSecrets New() => new(TodoSystem.Description.SecureParameters
        .Where(p => !p.Optional && p.When is null && p.Name != TodoSystem.Description.Database.AdministratorPasswordParameter)
        .ToDictionary(p => p.Name, p => p.Name == TodoSystem.JwtSecretKeyParameter ? NewJwtSecretKey() : NewPassword(), StringComparer.Ordinal));

    /// <summary>JWT_SECRET_KEY: what every issuer signs with.</summary>
    public string JwtSecretKey
    {
        get => Values[TodoSystem.JwtSecretKeyParameter];
        init => Values = With(TodoSystem.JwtSecretKeyParameter, value);
    }

    /// <summary>JWT_SECRET_KEY_PREVIOUS: set only during a rotation window (backend only).</summary>
    public string? JwtSecretKeyPrevious
    {
        get => Values.GetValueOrDefault(TodoSystem.JwtSecretKeyPreviousParameter);
        init => Values = With(TodoSystem.JwtSecretKeyPreviousParameter, value);
    }

    /// <summary>48 random bytes, base64: above the contract's 32-byte minimum.</summary>
    public static string NewJwtSecretKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    /// <summary>24 random bytes as hex (48 characters): within every other secure parameter's length rule (16 to 128).</summary>
    public static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>This run's value of a secure parameter of the model; null for one the local run leaves unset.</summary>
    public string? ParameterValue(string parameter) => Values.GetValueOrDefault(parameter);

    public override string ToString() => $"{string.Join(", ", Values.Keys.Order(StringComparer.Ordinal))}: ***";

    private Dictionary<string, string> With(string parameter, string? value)
    {
        var values = new Dictionary<string, string>(Values, StringComparer.Ordinal);
        if (value is null)
        {
            values.Remove(parameter);
        }
        else
        {
            values[parameter] = value;
        }
        return values;
    }
}
