using System.Reflection;
using Microsoft.EntityFrameworkCore.Design;
using Provisioning.Database.Configuration;
using Npgsql;
using Provisioning.Database.Model;
using Provisioning.Database.Roles;
using Provisioning.Database.Verification;

namespace Provisioning.Database.DesignTime;

/// <summary>
/// Used by <c>dotnet ef</c> and by the migration bundle, which calls it when no <c>--connection</c> is given.
/// Inside the bundle this is the entry of every run, so it enforces the job's contract (see <see cref="MigrationGate"/>)
/// and ends the process itself with the documented exit code when the contract is not met.
/// </summary>
public sealed class TodoDbContextFactory : IDesignTimeDbContextFactory<TodoDbContext>
{
    /// <summary>
    /// Commands of the dotnet-ef tool (<c>migrations add</c>, <c>script</c>, <c>bundle</c>) need the model, not a
    /// server, so they must work without DATABASE_URL. The tool's entry assembly is always <c>ef</c>.
    /// </summary>
    private static bool IsDotnetEfTool => Assembly.GetEntryAssembly()?.GetName().Name == "ef";

    /// <summary>
    /// The passed gate of this process. Kept in a static field for two reasons: its connection holds the migration
    /// lock until the process exits, and a second CreateDbContext call in the same process must not wait for a lock
    /// this process already holds.
    /// </summary>
    private static GateResult? passedGate;

    /// <summary>The roles read when the gate passed; the grants after the migrations use them.</summary>
    private static RoleSettings? passedRoles;

    public TodoDbContext CreateDbContext(string[] args)
    {
        var raw = Environment.GetEnvironmentVariable(DatabaseUrl.VariableName);
        if (IsDotnetEfTool)
        {
            var connection = DatabaseUrl.TryParse(raw, out var designUrl, out _)
                ? designUrl.CreateBuilder().ConnectionString
                : "Host=localhost;Database=todo";
            return new TodoDbContext(TodoDbContextOptions.Create(connection));
        }

        MigrationRunSettings settings;
        try
        {
            settings = MigrationRunSettings.FromEnvironment();
        }
        catch (FormatException e)
        {
            Exit(MigrationGate.ExitInvalidInput, e.Message);
            throw; // not reached
        }

        if (passedGate is null)
        {
            Open(raw, settings);
        }

        var builder = passedGate!.Url!.CreateBuilder();
        var roles = passedRoles!;
        // The gate already proved the server answers; a blip during the migration itself is retried a few times
        // by EF's execution strategy (each migration runs in its own transaction, so a retry is safe).
        return new TodoDbContext(TodoDbContextOptions.Create(
            builder.ConnectionString,
            npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null),
            afterMigrations: context => RoleGrants.Apply(context, roles, Info, Warn)));
    }

    /// <summary>
    /// Parses the job's variables, lets the administrator set up the roles when DATABASE_ADMIN_URL is given, then
    /// connects as the owner and takes the migration lock. Ends the process with the documented exit code otherwise.
    /// </summary>
    private static void Open(string? raw, MigrationRunSettings settings)
    {
        if (!DatabaseUrl.TryParse(raw, out var url, out var urlError))
        {
            Exit(MigrationGate.ExitInvalidInput, urlError);
        }
        var roles = RoleSettings.Read(url!, Environment.GetEnvironmentVariable, out var problems, out var notes);
        if (roles is null)
        {
            Exit(MigrationGate.ExitInvalidInput, string.Join(Environment.NewLine + "migrate: ", problems));
        }
        notes.ForEach(Warn);

        if (roles!.AdminUrl is { } admin)
        {
            SetUpRoles(admin, roles, settings);
        }

        var gate = MigrationGate.Open(url!, settings, Warn);
        if (!gate.Passed)
        {
            Exit(gate.ExitCode, gate.Message);
        }
        passedGate = gate;
        passedRoles = roles;
        Info(gate.Message);
    }

    private static void SetUpRoles(DatabaseUrl admin, RoleSettings roles, MigrationRunSettings settings)
    {
        // The administrator takes the same advisory lock as the owner, so concurrent runs never create or alter the
        // same role at once (CREATE ROLE would fail with a duplicate key) and never hand over objects mid-migration.
        var gate = MigrationGate.Open(admin, settings, Warn, "cannot set up roles");
        if (!gate.Passed)
        {
            Exit(gate.ExitCode, roles.Scrub(gate.Message));
        }
        Info($"administrator {gate.Message}");
        using var connection = gate.Lock!;
        try
        {
            RoleSetup.Apply(connection, roles, Info, Warn);
        }
        catch (RoleSetupException e)
        {
            Exit(MigrationGate.ExitFailed, roles.Scrub($"cannot set up roles as '{admin.Username}': {e.Message}"));
        }
        catch (PostgresException e)
        {
            Exit(MigrationGate.ExitFailed, roles.Scrub(
                $"cannot set up roles as '{admin.Username}': {e.MessageText} (SQLSTATE {e.SqlState}); the administrator needs CREATEROLE and CREATEDB, membership in the owner of the database and of its schema public, and on PostgreSQL 16+ ADMIN OPTION on every role it did not create (Azure's server admin has all but the last)"));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            Exit(MigrationGate.ExitFailed, roles.Scrub($"cannot set up roles: {DatabaseFailure.Describe(e, admin)}"));
        }
    }

    private static void Info(string line) => Console.Out.WriteLine($"migrate: {line}");

    private static void Warn(string line) => Console.Error.WriteLine($"migrate: {line}");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Exit(int exitCode, string message)
    {
        Console.Error.WriteLine($"migrate: {message}");
        Console.Error.Flush();
        Environment.Exit(exitCode);
    }
}
