using System.Globalization;
using Npgsql;
using Provisioning.Catalogue;

namespace Provisioning.Database.Configuration;

/// <summary>
/// A parsed DATABASE_URL. Accepts the URL form of docs/contract.md
/// (<c>postgresql://USER:PASSWORD@HOST:5432/todo?sslmode=require</c>, user and password percent-encoded) and the
/// Npgsql keyword form (<c>Host=…;Database=…;Username=…;Password=…</c>).
/// </summary>
/// <remarks>
/// The connection string is kept private and handed out only as a fresh builder, so nothing can print it by
/// accident; <see cref="Redacted"/> (also <see cref="ToString"/>) is the only form meant for people.
/// </remarks>
public sealed record DatabaseUrl
{
    public const string VariableName = SettingNames.DatabaseUrl;

    public const string ExpectedForm =
        "postgresql://USER:PASSWORD@HOST:5432/todo?sslmode=require (user and password percent-encoded) or Host=HOST;Port=5432;Database=todo;Username=USER;Password=PASSWORD;SSL Mode=Require";

    private readonly string connectionString;

    private DatabaseUrl(NpgsqlConnectionStringBuilder builder)
    {
        connectionString = builder.ConnectionString;
        Host = builder.Host ?? string.Empty;
        Port = builder.Port;
        Database = builder.Database ?? string.Empty;
        Username = builder.Username;
        SslMode = builder.SslMode;
        HasPassword = !string.IsNullOrEmpty(builder.Password);
    }

    public string Host { get; }
    public int Port { get; }
    public string Database { get; }
    public string? Username { get; }
    public SslMode SslMode { get; }
    public bool HasPassword { get; }

    /// <summary>What to show people: <c>user@host:port/database (sslmode=Require)</c>. Never contains the password.</summary>
    public string Redacted =>
        string.Create(CultureInfo.InvariantCulture, $"{(Username is null ? string.Empty : Username + "@")}{Host}:{Port}/{Database} (sslmode={SslMode}{(HasPassword ? ", password set" : string.Empty)})");

    /// <summary>A new builder each call, so callers may tune timeouts or pooling without affecting anyone else.</summary>
    public NpgsqlConnectionStringBuilder CreateBuilder() => new(connectionString);

    public override string ToString() => Redacted;

    /// <summary>The same server and credentials in another database.</summary>
    public DatabaseUrl WithDatabase(string database)
    {
        var builder = CreateBuilder();
        builder.Database = database;
        return new DatabaseUrl(builder);
    }

    /// <summary>Reads and parses DATABASE_URL from the process environment.</summary>
    /// <exception cref="DatabaseUrlException">The variable is missing or malformed.</exception>
    public static DatabaseUrl FromEnvironment() => Parse(Environment.GetEnvironmentVariable(VariableName));

    /// <exception cref="DatabaseUrlException">The value is missing or malformed; the message is one safe line.</exception>
    public static DatabaseUrl Parse(string? value)
    {
        if (TryParse(value, out var url, out var error))
        {
            return url;
        }
        throw new DatabaseUrlException(error);
    }

    /// <summary>Parses without throwing; <paramref name="error"/> is one line naming DATABASE_URL, the expected form and the fix.</summary>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DatabaseUrl? url, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error) =>
        TryParse(value, VariableName, out url, out error);

    /// <summary>The same parser for another variable of the same form (the migration job's DATABASE_ADMIN_URL); errors name <paramref name="variableName"/>.</summary>
    public static bool TryParse(string? value, string variableName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DatabaseUrl? url, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentException.ThrowIfNullOrEmpty(variableName);
        var parsed = TryParseAs(value, out url, out error);
        if (!parsed && variableName != VariableName)
        {
            // Problem() always names DATABASE_URL first; the messages never contain the value, so renaming is safe.
            error = variableName + error![VariableName.Length..];
        }
        return parsed;
    }

    private static bool TryParseAs(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DatabaseUrl? url, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = Problem("is not set", "set it (from Key Vault in Azure) to the server's connection URL");
            return false;
        }
        var trimmed = value.Trim();
        var builder = trimmed.Contains("://", StringComparison.Ordinal)
            ? FromUrl(trimmed, out error)
            : FromKeywords(trimmed, out error);
        if (builder is null)
        {
            error ??= Problem("is malformed", "use one of the two forms");
            return false;
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            error = Problem("has no host", "add the server name, e.g. myserver.postgres.database.azure.com");
            return false;
        }
        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            error = Problem("has no database name", "add the database, e.g. /todo at the end of the URL path or Database=todo");
            return false;
        }
        url = new DatabaseUrl(builder);
        error = null;
        return true;
    }

    private static NpgsqlConnectionStringBuilder? FromKeywords(string value, out string? error)
    {
        if (!value.Contains('=', StringComparison.Ordinal))
        {
            error = Problem("is neither a postgresql:// URL nor a Key=Value; connection string", "use one of the two forms");
            return null;
        }
        try
        {
            error = null;
            return new NpgsqlConnectionStringBuilder(value);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql's own messages name only the keyword ("Keyword not supported: 'hots'"), never a value.
            var keyword = e is ArgumentException { ParamName: { Length: > 0 } name } ? $" (keyword '{name}')" : string.Empty;
            error = Problem($"is not a valid Npgsql connection string{keyword}", "fix the keyword or value it names");
            return null;
        }
    }

    private static NpgsqlConnectionStringBuilder? FromUrl(string value, out string? error)
    {
        error = null;
        // System.Uri quietly repairs what libpq would reject (a stray % or a second @ in the password), which
        // would connect with a different password than the one the operator wrote; check the raw text first.
        var authorityStart = value.IndexOf("://", StringComparison.Ordinal) + 3;
        var authorityEnd = value.IndexOfAny(['/', '?'], authorityStart);
        var authority = authorityEnd < 0 ? value[authorityStart..] : value[authorityStart..authorityEnd];
        if (authority.Count(c => c == '@') > 1 || !IsValidPercentEncoding(authority))
        {
            error = Problem("is not a valid URL", "percent-encode special characters in the user and password (e.g. @ as %40, % as %25, / as %2F)");
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            error = Problem("is not a valid URL", "percent-encode special characters in the user and password (e.g. @ as %40, / as %2F)");
            return null;
        }
        if (uri.Scheme is not ("postgresql" or "postgres"))
        {
            error = Problem($"has the scheme '{uri.Scheme}'", "start it with postgresql://");
            return null;
        }
        if (!uri.IsDefaultPort && uri.Port is <= 0 or > 65535)
        {
            error = Problem("has an invalid port", "use a number between 1 and 65535, normally 5432");
            return null;
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.IdnHost.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? uri.UserInfo : uri.UserInfo[..colon];
            builder.Username = Uri.UnescapeDataString(user);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }
        if (builder.Database?.Contains('/', StringComparison.Ordinal) == true)
        {
            error = Problem("has a path with more than one segment", "the path must be just the database name, e.g. /todo");
            return null;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var val = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (!ApplyQueryParameter(builder, key, val, out error))
            {
                return null;
            }
        }
        return builder;
    }

    /// <summary>
    /// The libpq URL parameters that have an Npgsql equivalent. Anything else is rejected rather than ignored:
    /// a silently dropped <c>sslmode</c> typo would mean an unencrypted connection.
    /// </summary>
    private static bool ApplyQueryParameter(NpgsqlConnectionStringBuilder builder, string key, string value, out string? error)
    {
        error = null;
        switch (key.ToLowerInvariant())
        {
            case "sslmode":
                if (!SslModes.TryGetValue(value, out var mode))
                {
                    error = Problem($"has sslmode '{value}'", "use disable, allow, prefer, require, verify-ca or verify-full (Azure needs require)");
                    return false;
                }
                builder.SslMode = mode;
                return true;
            case "connect_timeout":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 1024)
                {
                    error = Problem($"has connect_timeout '{value}'", "use a whole number of seconds");
                    return false;
                }
                builder.Timeout = seconds;
                return true;
            case "application_name":
                builder.ApplicationName = value;
                return true;
            case "sslrootcert":
                builder.RootCertificate = value;
                return true;
            case "target_session_attrs":
                return true;
            default:
                error = Problem($"has the unsupported parameter '{key}'", "remove it; supported: sslmode, connect_timeout, application_name, sslrootcert");
                return false;
        }
    }

    private static bool IsValidPercentEncoding(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && (i + 2 >= text.Length || !Uri.IsHexDigit(text[i + 1]) || !Uri.IsHexDigit(text[i + 2])))
            {
                return false;
            }
        }
        return true;
    }

    private static readonly Dictionary<string, SslMode> SslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = SslMode.Disable,
        ["allow"] = SslMode.Allow,
        ["prefer"] = SslMode.Prefer,
        ["require"] = SslMode.Require,
        ["verify-ca"] = SslMode.VerifyCA,
        ["verify-full"] = SslMode.VerifyFull,
    };

    private static string Problem(string what, string fix) =>
        $"{VariableName} {what}: expected {ExpectedForm}; {fix}.";
}
