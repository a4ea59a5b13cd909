using System.Security.Cryptography;

namespace Provisioning.Secrets;

/// <summary>
/// Strong random values for the secrets the system makes for itself: database passwords, HS256 keys, anything else
/// as hex. One place, so `secrets init` and the `secrets` printer make values of the same strength and shape.
/// </summary>
public static class SecretValues
{
    /// <summary>Symbols allowed in generated passwords: none needs quoting inside single quotes, URLs percent-encode them.</summary>
    public const string Symbols = "-_.~!#%^*+=";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    /// <summary>Random bytes behind a generated JWT key (base64-encoded: 64 characters).</summary>
    public const int JwtKeyBytes = 48;

    /// <summary>Length of generated PostgreSQL passwords (within the parameters' 16–128 and Azure's 8–128).</summary>
    public const int PasswordLength = 32;

    /// <summary>A fresh value for <paramref name="parameter"/>; null for an external credential nothing here can make.</summary>
    public static string? Generate(SystemDescription system, SecureParameterSpec parameter)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(parameter);
        if (parameter.External)
        {
            return null;
        }
        if (LoginOf(system, parameter.Name) is { } login)
        {
            return Password(Math.Clamp(PasswordLength, parameter.MinLength, parameter.MaxLength ?? 128), login);
        }
        var isKey = system.Secrets.Any(s => s.ContentType == TodoSystem.HS256Key && s.Content.Parameters.Contains(parameter.Name));
        var bytes = RandomNumberGenerator.GetBytes(Math.Max(JwtKeyBytes, parameter.MinLength));
        // Any other secret the system makes for itself: random hex, within its length rule.
        var value = isKey ? Convert.ToBase64String(bytes) : Convert.ToHexStringLower(bytes);
        return parameter.MaxLength is { } max && value.Length > max ? value[..max] : value;
    }

    /// <summary>The database login whose password <paramref name="parameter"/> is, or null when it is no password.</summary>
    public static string? LoginOf(SystemDescription system, string parameter)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (parameter == system.Database.AdministratorPasswordParameter)
        {
            return system.Database.AdministratorLogin;
        }
        var urls = system.Secrets.Select(s => s.Content).OfType<DatabaseUrlContent>().ToList();
        if (urls.FirstOrDefault(c => c.PasswordParameter == parameter) is { } url)
        {
            return url.Login;
        }
        // The second login of a role (rotation): the role's name and the suffix.
        return urls.FirstOrDefault(c => c.AlternatePasswordParameter == parameter) is { } alternate ? alternate.Login + TodoSystem.AlternateLoginSuffix : null;
    }

    /// <summary>A password with at least one character of each class, uniformly shuffled, that does not contain <paramref name="login"/>.</summary>
    public static string Password(int length, string login)
    {
        ArgumentNullException.ThrowIfNull(login);
        const string all = Upper + Lower + Digits + Symbols;
        while (true)
        {
            var chars = new char[length];
            chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
            chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
            chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
            chars[3] = Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)];
            for (var i = 4; i < length; i++)
            {
                chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
            }
            RandomNumberGenerator.Shuffle(chars.AsSpan());
            var password = new string(chars);
            if (!password.Contains(login, StringComparison.OrdinalIgnoreCase))
            {
                return password;
            }
        }
    }
}
