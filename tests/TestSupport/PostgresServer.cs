using Npgsql;
using Provisioning.Local;

namespace Provisioning.TestSupport;

/// <summary>A database of its own for one test, on the shared throwaway server; dropped on dispose.</summary>
/// <param name="Name">Unique database name.</param>
/// <param name="ConnectionString">Npgsql keyword form, as the admin user.</param>
/// <param name="Url">The same target in DATABASE_URL's URL form (percent-encoded, sslmode=disable: the test server has no TLS).</param>
public sealed record TestDatabase(string Name, string ConnectionString, string Url, PostgresServer Server) : IAsyncDisposable
{
    /// <summary>This database's URL with a different password, for authentication-failure tests.</summary>
    public string UrlWithPassword(string password) =>
        $"postgresql://{Uri.EscapeDataString(Server.Username)}:{Uri.EscapeDataString(password)}@{Server.Host}:{Server.Port}/{Name}?sslmode=disable";

    public async ValueTask DisposeAsync() => await Server.DropDatabaseAsync(Name).ConfigureAwait(false);
}

/// <summary>
/// The throwaway PostgreSQL of one test process: started on first use by the one launcher, <see cref="LocalPostgres"/>
/// (PostgreSQL 16 unless PROVISIONING_POSTGRES_VERSION says otherwise, 127.0.0.1, a port picked at run time, shaped
/// like an Azure flexible server), and stopped by <see cref="StopShared"/> or at process exit.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly Lazy<PostgresServer> SharedServer = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly LocalPostgres server;

    private PostgresServer(LocalPostgres server)
    {
        this.server = server;
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = server.Host,
            Port = server.Port,
            Username = server.Username,
            Password = server.Password,
            Database = "postgres",
        }.ConnectionString;
    }

    /// <summary>The server for this test run, started on first use.</summary>
    public static PostgresServer Shared => SharedServer.Value;

    public string AdminConnectionString { get; }
    public string Host => server.Host;
    public int Port => server.Port;
    public string Username => server.Username;

    /// <summary>The superuser's password of this run; tests assert it never shows up in any output.</summary>
    public string Password => server.Password;

    /// <summary>The server's major version: tests of behaviour that changed between versions (PostgreSQL 16's CREATEROLE) branch on it.</summary>
    public int MajorVersion => server.MajorVersion;

    /// <summary>Creates an empty, uniquely named database so tests can run in parallel.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = false };
        return new TestDatabase(name, builder.ConnectionString, UrlFor(name), this);
    }

    public string UrlFor(string database) =>
        $"postgresql://{Uri.EscapeDataString(Username)}:{Uri.EscapeDataString(Password)}@{Host}:{Port}/{database}?sslmode=disable";

    internal async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the shared server. Call from [AssemblyCleanup].</summary>
    public static void StopShared()
    {
        if (SharedServer.IsValueCreated)
        {
            SharedServer.Value.Dispose();
        }
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        server.StopNow();
    }

    private static PostgresServer Start()
    {
        // Off the caller's context: Lazy runs this synchronously and the launcher is asynchronous.
        var local = Task.Run(() => LocalPostgres.StartAsync()).GetAwaiter().GetResult();
        var shared = new PostgresServer(local);
        // The test host may end without [AssemblyCleanup] (a crash, a test project without one).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.Dispose();
        return shared;
    }
}
