using System.Security.Cryptography;
using Npgsql;

namespace Provisioning.Local;

/// <summary>
/// The one launcher of a throwaway PostgreSQL server, for `local up` and every test (tests/TestSupport/PostgresServer
/// wraps it): the binaries of <see cref="PostgresBinaries"/> (16 by default, as deployed), initdb into a temporary
/// folder, 127.0.0.1 and a port picked at run time, an admin password generated for this run, durability off, and the
/// shape of an Azure flexible server (<see cref="AzureServerShape"/>). Runs as the 'postgres' user when we are root
/// (PostgreSQL refuses root). It can be stopped and started again on the same data and port (the "database down"
/// scenario).
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(2);

    private readonly string directory;
    private readonly PostgresBinaries binaries;
    private readonly string password;

    private LocalPostgres(string directory, PostgresBinaries binaries, string password, int port)
    {
        this.directory = directory;
        this.binaries = binaries;
        this.password = password;
        Port = port;
    }

    public string Host => "127.0.0.1";
    public int Port { get; }
    public string Username => "postgres";

    /// <summary>The admin password of this run; tests assert it never shows up in any output.</summary>
    public string Password => password;

    /// <summary>The server's major version (16 unless <see cref="PostgresBinaries.VersionVariable"/> says otherwise).</summary>
    public int MajorVersion => binaries.MajorVersion;
    public bool IsRunning { get; private set; }

    /// <summary>The server's log, for a failure message.</summary>
    public string LogPath => Path.Combine(directory, "server.log");

    private string DataDirectory => Path.Combine(directory, "data");

    /// <summary>The admin URL of <paramref name="database"/> in DATABASE_URL's form (the server has no TLS).</summary>
    public string AdminUrl(string database) =>
        $"postgresql://{Uri.EscapeDataString(Username)}:{Uri.EscapeDataString(password)}@{Host}:{Port}/{Uri.EscapeDataString(database)}?sslmode=disable";

    public string AdminConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = Username,
        Password = password,
        Database = database,
        Pooling = false,
        Timeout = 10,
    }.ConnectionString;

    /// <summary>Starts a server with the binaries of the repository this program runs from.</summary>
    public static async Task<LocalPostgres> StartAsync(CancellationToken cancellationToken = default)
    {
        var repository = LocalPaths.Find(AppContext.BaseDirectory).RepositoryRoot;
        var binaries = await PostgresBinaries.FindAsync(repository, cancellationToken).ConfigureAwait(false);
        return await StartAsync(binaries, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<LocalPostgres> StartAsync(PostgresBinaries binaries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(binaries);
        var dir = Directory.CreateTempSubdirectory("todo-local-pg.").FullName;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var passwordFile = Path.Combine(dir, "pw");
        await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken).ConfigureAwait(false);
        await ChownToPostgresAsync(dir, cancellationToken).ConfigureAwait(false);
        await ChownToPostgresAsync(passwordFile, cancellationToken).ConfigureAwait(false);
        await RunAsPostgresAsync(binaries.Initdb,
            ["-D", Path.Combine(dir, "data"), "-U", "postgres", $"--pwfile={passwordFile}", "--auth-local=trust",
             "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"], cancellationToken).ConfigureAwait(false);
        File.Delete(passwordFile);

        // Another process can take the free port before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var server = new LocalPostgres(dir, binaries, password, FreePort.Next());
            try
            {
                await server.StartAgainAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                continue; // next port
            }
            try
            {
                await AzureServerShape.ApplyAsync(server, cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Starts the server (again) on its data folder and port.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        // Durability is pointless for a throwaway server; without it the migration runs much faster. The tests run
        // many databases at once, hence more connections than the default 100.
        await RunAsPostgresAsync(binaries.PgCtl,
            ["-D", DataDirectory, "-l", LogPath, "-w", "-t", "60", "start", "-o",
             $"-c listen_addresses=127.0.0.1 -p {Port} -k {directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"],
            cancellationToken).ConfigureAwait(false);
        IsRunning = true;
    }

    /// <summary>Stops the server, keeping its data (fast shutdown: clients are disconnected).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsPostgresAsync(binaries.PgCtl, ["-D", DataDirectory, "-m", "fast", "-w", "stop"], cancellationToken)
            .ConfigureAwait(false);
        IsRunning = false;
    }

    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await ExecuteAsync("postgres", $"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs SQL as the admin (scenarios that break the schema on purpose, test assertions).</summary>
    public async Task ExecuteAsync(string database, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString(database));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            // Immediate: nothing to keep, and a local run's Ctrl+C should not wait for checkpoints.
            await RunAsPostgresAsync(binaries.PgCtl, ["-D", DataDirectory, "-m", "immediate", "-w", "stop"],
                CancellationToken.None, throwOnError: false).ConfigureAwait(false);
            Directory.Delete(directory, recursive: true);
        }
        IsRunning = false;
    }

    /// <summary>Last resort from a process-exit handler: stop the server (synchronously, briefly) and delete its data.</summary>
    public void StopNow()
    {
        if (!Directory.Exists(directory))
        {
            return;
        }
        var pgCtl = binaries.PgCtl;
        var stop = IsRoot ? $"runuser -u postgres -- '{pgCtl}'" : $"'{pgCtl}'";
        // One shell does both, so the delete happens even if this process is ended before the child finishes.
        using var process = System.Diagnostics.Process.Start("bash", ["-c", $"{stop} -D '{DataDirectory}' -m immediate -w stop >/dev/null 2>&1; rm -rf '{directory}'"]);
        process.WaitForExit(TimeSpan.FromSeconds(5));
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task ChownToPostgresAsync(string path, CancellationToken cancellationToken)
    {
        if (IsRoot)
        {
            var result = await ChildCommand.RunAsync("chown", ["postgres:postgres", path], CommandLimit, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                // PostgreSQL refuses to run as root, so as root it runs as this user, which a machine may not have.
                throw new InvalidOperationException($"chown postgres {path} failed: {result.Output.Trim()}; as root the server runs as the user 'postgres': create it (useradd --system postgres; scripts/test.sh does)");
            }
        }
    }

    private static async Task RunAsPostgresAsync(string executable, IReadOnlyList<string> args, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var result = IsRoot
            ? await ChildCommand.RunAsync("runuser", ["-u", "postgres", "--", executable, .. args], CommandLimit, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await ChildCommand.RunAsync(executable, args, CommandLimit, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (throwOnError && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(executable)} exited {result.ExitCode}: {result.Output.Trim()}");
        }
    }
}
