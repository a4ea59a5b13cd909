using System.Reflection;
using Microsoft.EntityFrameworkCore.Design;
using Provisioning.Database.Configuration;
using Provisioning.Database.Model;

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

        var gate = passedGate ?? MigrationGate.Open(raw, settings, line => Console.Error.WriteLine($"migrate: {line}"));
        if (!gate.Passed)
        {
            Exit(gate.ExitCode, gate.Message);
        }
        if (passedGate is null)
        {
            passedGate = gate;
            Console.Out.WriteLine($"migrate: {gate.Message}");
        }

        var builder = gate.Url!.CreateBuilder();
        // The gate already proved the server answers; a blip during the migration itself is retried a few times
        // by EF's execution strategy (each migration runs in its own transaction, so a retry is safe).
        return new TodoDbContext(TodoDbContextOptions.Create(
            builder.ConnectionString,
            npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null)));
    }

    private static void Exit(int exitCode, string message)
    {
        Console.Error.WriteLine($"migrate: {message}");
        Console.Error.Flush();
        Environment.Exit(exitCode);
    }
}
