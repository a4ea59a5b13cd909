using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

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
/// A throwaway PostgreSQL for tests. When PROVISIONING_TEST_POSTGRES holds an admin connection string (CI starts a
/// server with scripts/start-test-postgres.sh), that server is used; otherwise one is started here, as the
/// 'postgres' user when running as root (PostgreSQL refuses root), on 127.0.0.1 and a free port, with a password
/// generated for this run, and stopped by <see cref="StopShared"/> or at process exit.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string EnvironmentVariable = "PROVISIONING_TEST_POSTGRES";

    private static readonly Lazy<PostgresServer> SharedServer = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? dataDirectory;
    private readonly string? binDirectory;

    private PostgresServer(string adminConnectionString, string? dataDirectory, string? binDirectory)
    {
        AdminConnectionString = adminConnectionString;
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString);
        Host = builder.Host ?? "127.0.0.1";
        Port = builder.Port;
        Username = builder.Username ?? "postgres";
        Password = builder.Password ?? string.Empty;
        this.dataDirectory = dataDirectory;
        this.binDirectory = binDirectory;
    }

    /// <summary>The server for this test run, started on first use.</summary>
    public static PostgresServer Shared => SharedServer.Value;

    public string AdminConnectionString { get; }
    public string Host { get; }
    public int Port { get; }
    public string Username { get; }

    /// <summary>The admin password of this run; tests assert it never shows up in any output.</summary>
    public string Password { get; }

    /// <summary>Whether this process started the server (and so must stop it).</summary>
    public bool IsOwned => dataDirectory is not null;

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

    /// <summary>Stops the shared server if this process started it. Call from [AssemblyCleanup].</summary>
    public static void StopShared()
    {
        if (SharedServer.IsValueCreated)
        {
            SharedServer.Value.Dispose();
        }
    }

    public void Dispose()
    {
        if (dataDirectory is null || binDirectory is null || !Directory.Exists(dataDirectory))
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        // One shell does both the stop and the delete: when this runs from ProcessExit the test host may end us
        // before we get to a second step, but a started child finishes its work on its own.
        var pgCtl = Path.Combine(binDirectory, "pg_ctl");
        var stop = IsRoot ? $"runuser -u postgres -- '{pgCtl}'" : $"'{pgCtl}'";
        Run("bash", ["-c", $"{stop} -D '{Path.Combine(dataDirectory, "data")}' -m immediate -w stop >/dev/null 2>&1; rm -rf '{dataDirectory}'"], throwOnError: false);
    }

    private static PostgresServer Start()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new PostgresServer(fromEnvironment, null, null);
        }

        var bin = FindBinDirectory() ?? InstallWithScript();
        var dir = Directory.CreateTempSubdirectory("provisioning-pg-test.").FullName;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var passwordFile = Path.Combine(dir, "pw");
        File.WriteAllText(passwordFile, password + "\n");
        ChownToPostgres(dir);
        ChownToPostgres(passwordFile);

        var port = FreePort.Next();
        var data = Path.Combine(dir, "data");
        RunAsPostgres(Path.Combine(bin, "initdb"),
            ["-D", data, "-U", "postgres", $"--pwfile={passwordFile}", "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"]);
        File.Delete(passwordFile);
        // Durability is pointless for a throwaway server; without it DDL-heavy tests run much faster.
        RunAsPostgres(Path.Combine(bin, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "start", "-o",
             $"-c listen_addresses=127.0.0.1 -p {port} -k {dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"]);

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = password,
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
        var server = new PostgresServer(admin, dir, bin);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    private static string? FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    /// <summary>A fresh machine has no PostgreSQL: the repository's script installs the Debian package.</summary>
    private static string InstallWithScript()
    {
        var script = Path.Combine(TestFolders.RepositoryRoot, "scripts", "start-test-postgres.sh");
        // The script installs and starts a server; we only want the install, so we stop what it started.
        var output = Run("bash", [script], throwOnError: true);
        var dirLine = output.Split('\n').FirstOrDefault(l => l.StartsWith("export PROVISIONING_TEST_POSTGRES_DIR=", StringComparison.Ordinal));
        if (dirLine is not null)
        {
            Run("bash", [Path.Combine(TestFolders.RepositoryRoot, "scripts", "stop-test-postgres.sh"), dirLine.Split('=', 2)[1].Trim('\'')], throwOnError: false);
        }
        return FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed and scripts/start-test-postgres.sh could not install it; run 'apt-get install postgresql'.");
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void ChownToPostgres(string path)
    {
        if (IsRoot)
        {
            Run("chown", ["postgres:postgres", path], throwOnError: true);
        }
    }

    private static string RunAsPostgres(string executable, IReadOnlyList<string> args, bool throwOnError = true) =>
        IsRoot ? Run("runuser", ["-u", "postgres", "--", executable, .. args], throwOnError) : Run(executable, args, throwOnError);

    private static string Run(string executable, IReadOnlyList<string> args, bool throwOnError)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} did not finish within 5 minutes");
        }
        var output = stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult();
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(executable)} exited {process.ExitCode}:\n{output}");
        }
        return output;
    }
}
