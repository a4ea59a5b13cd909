using System.Globalization;

namespace Provisioning.Secrets;

/// <summary>
/// What a Key Vault secret holds, made from the value of the parameter it is made of: the value itself, or a
/// database URL around it. The same shapes the templates wrote before `secrets init` took over (docs/contract.md).
/// </summary>
public static class SecretComposition
{
    /// <param name="databaseHost">The PostgreSQL server's host name (<c>&lt;server&gt;.postgres.database.azure.com</c>).</param>
    public static string Compose(SystemDescription system, SecretSpec secret, string parameterValue, string databaseHost)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(parameterValue);
        return secret.Content switch
        {
            ParameterContent => parameterValue,
            DatabaseUrlContent u => DatabaseUrl(system, u.Login, parameterValue, databaseHost),
            _ => throw new NotSupportedException($"Secret content {secret.Content.GetType().Name} cannot be composed."),
        };
    }

    /// <summary>A login's URL on the Azure server: TLS required, the password percent-encoded like the templates' uriComponent().</summary>
    public static string DatabaseUrl(SystemDescription system, string login, string password, string databaseHost)
    {
        ArgumentNullException.ThrowIfNull(system);
        return string.Create(CultureInfo.InvariantCulture,
            $"postgresql://{login}:{Uri.EscapeDataString(password)}@{databaseHost}:{system.Database.Port}/{system.Database.Name}?sslmode=require");
    }
}
