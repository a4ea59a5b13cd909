using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using Npgsql;
using Provisioning.Database.Configuration;

namespace Provisioning.Database.Verification;

/// <summary>The reasons a connection attempt fails that a person can act on differently.</summary>
public enum DatabaseFailureKind
{
    Refused,
    Dns,
    Unreachable,
    Timeout,
    Tls,
    AuthenticationFailed,
    DatabaseMissing,
    PermissionDenied,
    Cancelled,
    Other,
}

/// <summary>Turns the exception of a failed connection or query into one line a person can act on.</summary>
public static class DatabaseFailure
{
    public static DatabaseFailureKind Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: "28P01" or "28000" }:
                    return DatabaseFailureKind.AuthenticationFailed;
                case PostgresException { SqlState: "3D000" }:
                    return DatabaseFailureKind.DatabaseMissing;
                case PostgresException { SqlState: "42501" }:
                    return DatabaseFailureKind.PermissionDenied;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return DatabaseFailureKind.Refused;
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return DatabaseFailureKind.Dns;
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                case TimeoutException:
                    return DatabaseFailureKind.Timeout;
                case SocketException { SocketErrorCode: SocketError.HostUnreachable or SocketError.NetworkUnreachable }:
                    return DatabaseFailureKind.Unreachable;
                case AuthenticationException:
                    return DatabaseFailureKind.Tls;
                case NpgsqlException when e.Message.Contains("SSL", StringComparison.Ordinal) || e.Message.Contains("TLS", StringComparison.Ordinal):
                    return DatabaseFailureKind.Tls;
                case OperationCanceledException:
                    return DatabaseFailureKind.Cancelled;
            }
        }
        return DatabaseFailureKind.Other;
    }

    /// <summary>Refused, DNS, unreachable and timeout may heal by themselves (server starting, firewall rule arriving): worth retrying.</summary>
    public static bool IsWorthRetrying(DatabaseFailureKind kind) =>
        kind is DatabaseFailureKind.Refused or DatabaseFailureKind.Dns or DatabaseFailureKind.Unreachable or DatabaseFailureKind.Timeout;

    /// <summary>One line: what failed, where, and what to do. Never contains the password.</summary>
    public static string Describe(Exception exception, DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(url);
        var where = string.Create(CultureInfo.InvariantCulture, $"{url.Host}:{url.Port}");
        var kind = Classify(exception);
        var line = kind switch
        {
            DatabaseFailureKind.Refused =>
                $"connection refused by {where}: the server is not running or not listening there; check the host and port in DATABASE_URL and that the server is started",
            DatabaseFailureKind.Dns =>
                $"DNS lookup failed for '{url.Host}': check the host name in DATABASE_URL (for Azure: <server>.postgres.database.azure.com) and the environment's DNS/private endpoint",
            DatabaseFailureKind.Unreachable =>
                $"no network route to {where}: check VNet integration, firewall rules and the host in DATABASE_URL",
            DatabaseFailureKind.Timeout =>
                $"timed out connecting to {where}: check the server's firewall rules (allow the Container Apps environment) and that the server is running",
            DatabaseFailureKind.Tls =>
                $"TLS negotiation with {where} failed ({Innermost(exception)}): use sslmode=require (Azure enforces TLS) and check the server's certificate settings",
            DatabaseFailureKind.AuthenticationFailed =>
                $"authentication failed for user '{url.Username}' on {where}: the user or password in DATABASE_URL is wrong; fix the Key Vault secret (apps read it on their next revision, the job on its next execution)",
            DatabaseFailureKind.DatabaseMissing =>
                $"database '{url.Database}' does not exist on {where}: create it (the Bicep creates 'todo') or fix the path in DATABASE_URL",
            DatabaseFailureKind.PermissionDenied =>
                $"permission denied for user '{url.Username}' on {where}: grant it access to the database and its public schema",
            DatabaseFailureKind.Cancelled =>
                $"cancelled while talking to {where}",
            _ => $"database error on {where}: {Innermost(exception)}",
        };
        return Scrub(line, url);
    }

    private static string Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : e.Message.ReplaceLineEndings(" ");
    }

    /// <summary>Last line of defence: a server or driver message must never echo the password.</summary>
    internal static string Scrub(string text, DatabaseUrl url)
    {
        return CredentialMask.Apply(text, url.CreateBuilder().Password);
    }
}
