using System.Security.Cryptography;
using Npgsql;
using Provisioning.Local;
using Provisioning.TestSupport;

namespace Provisioning.Database.Tests.Roles;

/// <summary>
/// One test's share of the throwaway server, which is shaped like Azure Flexible Server (LocalPostgres applies
/// AzureServerShape: azure_pg_admin owns schema public of every new database, and PUBLIC may create in it): an
/// administrator that is NOT a superuser (LOGIN CREATEROLE CREATEDB, member of azure_pg_admin, as Azure's todoadmin
/// is), a database owned by azure_pg_admin, and the names and passwords of the three roles. Role names are
/// server-wide, so each test gets its own (passed to the job as TODO_APP_DATABASE_ROLE/TODO_PROBE_DATABASE_ROLE) and
/// tests can run in parallel. Passwords carry quotes, backslashes, dollars and URL delimiters to prove the quoting.
/// Disposing drops the database and every role it made.
/// </summary>
public sealed class RoleTestServer : IAsyncDisposable
{
    private readonly PostgresServer server = PostgresServer.Shared;

    private RoleTestServer(string prefix)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        Database = $"{prefix}_{id}";
        Admin = $"t{id}_admin";
        Owner = $"t{id}_owner";
        App = $"t{id}_app";
        Probe = $"t{id}_probe";
        AdminPassword = NewPassword();
        OwnerPassword = NewPassword();
        AppPassword = NewPassword();
        ProbePassword = NewPassword();
    }

    public string Database { get; }

    /// <summary>The server's major version (16 unless PROVISIONING_POSTGRES_VERSION says otherwise).</summary>
    public int MajorVersion => server.MajorVersion;
    /// <summary>Azure's group of administrators: server-wide, so shared by every test and never dropped.</summary>
    public string Group => AzureServerShape.AdminGroup;
    public string Admin { get; }
    public string Owner { get; }
    public string App { get; }
    public string Probe { get; }
    public string AdminPassword { get; }

    // Settable: the password-change tests rotate them between runs.
    public string OwnerPassword { get; set; }
    public string AppPassword { get; set; }
    public string ProbePassword { get; set; }

    /// <summary>The test server's superuser, in this database: for setting up and inspecting, never for the job.</summary>
    public string SuperuserConnectionString =>
        new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = Database, Pooling = false }.ConnectionString;

    public static async Task<RoleTestServer> CreateAsync(string prefix)
    {
        var setup = new RoleTestServer(prefix);
        await using var connection = new NpgsqlConnection(setup.server.AdminConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            $"CREATE ROLE {setup.Admin} LOGIN CREATEROLE CREATEDB NOSUPERUSER IN ROLE {setup.Group}",
            $"CREATE DATABASE {setup.Database} OWNER {setup.Group}",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        // The password as a bind parameter of format(): the same care the job takes.
        await using (var password = new NpgsqlCommand("SELECT format('ALTER ROLE %I PASSWORD %L', @role, @password)", connection))
        {
            password.Parameters.AddWithValue("role", setup.Admin);
            password.Parameters.AddWithValue("password", setup.AdminPassword);
            await using var alter = new NpgsqlCommand((string)(await password.ExecuteScalarAsync())!, connection);
            await alter.ExecuteNonQueryAsync();
        }
        return setup;
    }

    public string Url(string user, string password, string? database = null) =>
        $"postgresql://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{server.Host}:{server.Port}/{database ?? Database}?sslmode=disable";

    public string ConnectionString(string user, string password) =>
        new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = Database, Username = user, Password = password, Pooling = false }.ConnectionString;

    public string OwnerUrl => Url(Owner, OwnerPassword);
    public string AdminUrl => Url(Admin, AdminPassword, "postgres");
    public string AppConnectionString => ConnectionString(App, AppPassword);
    public string ProbeUrl => Url(Probe, ProbePassword);

    /// <summary>The variables the deployment gives the job (DATABASE_URL aside); <paramref name="withAdmin"/> false is the local, roles-exist mode.</summary>
    public Dictionary<string, string> JobEnvironment(bool withAdmin = true)
    {
        var environment = new Dictionary<string, string>
        {
            ["TODO_APP_DATABASE_ROLE"] = App,
            ["TODO_PROBE_DATABASE_ROLE"] = Probe,
        };
        if (withAdmin)
        {
            environment["DATABASE_ADMIN_URL"] = AdminUrl;
            environment["TODO_APP_DATABASE_PASSWORD"] = AppPassword;
            environment["TODO_PROBE_DATABASE_PASSWORD"] = ProbePassword;
        }
        return environment;
    }

    /// <summary>The full job: admin set-up, migrations as the owner, grants.</summary>
    public Task<BundleRun> RunJobAsync(string[]? args = null) => MigrationBundle.RunAsync(OwnerUrl, JobEnvironment(), args);

    /// <summary>The job with the alternate logins' passwords as well (what a deployment gives it since rotation).</summary>
    public Task<BundleRun> RunJobAsync(string appAlternatePassword, string probeAlternatePassword)
    {
        secretsSeen.AddRange([appAlternatePassword, probeAlternatePassword]);
        var environment = JobEnvironment();
        environment["TODO_APP_ALT_DATABASE_PASSWORD"] = appAlternatePassword;
        environment["TODO_PROBE_ALT_DATABASE_PASSWORD"] = probeAlternatePassword;
        return MigrationBundle.RunAsync(OwnerUrl, environment);
    }

    /// <summary>Every password this test has used, for "never printed" assertions.</summary>
    public IReadOnlyList<string> Secrets => [.. secretsSeen, AdminPassword, OwnerPassword, AppPassword, ProbePassword, server.Password];

    private readonly List<string> secretsSeen = [];

    /// <summary>New passwords for all three roles; the old ones stay in <see cref="Secrets"/>.</summary>
    public (string Owner, string App, string Probe) RotatePasswords()
    {
        var old = (OwnerPassword, AppPassword, ProbePassword);
        secretsSeen.AddRange([OwnerPassword, AppPassword, ProbePassword]);
        OwnerPassword = NewPassword();
        AppPassword = NewPassword();
        ProbePassword = NewPassword();
        return old;
    }

    public static void AssertNoSecret(BundleRun run, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.IsFalse(run.Output.Contains(secret, StringComparison.Ordinal), "a password was printed:\n" + run.ToString().Replace(secret, "<THE PASSWORD>", StringComparison.Ordinal));
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)",
            $"DROP ROLE IF EXISTS {App}_alt", $"DROP ROLE IF EXISTS {Probe}_alt",
            $"DROP ROLE IF EXISTS {App}", $"DROP ROLE IF EXISTS {Probe}", $"DROP ROLE IF EXISTS {Owner}",
            $"DROP ROLE IF EXISTS {Admin}",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public static string NewPassword() =>
        "p'w\"\\$$%@:/;? " + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
}
