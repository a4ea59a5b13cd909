using Microsoft.EntityFrameworkCore;
using Provisioning.Database.Model;
using Provisioning.ProbeServers;
using Provisioning.TestSupport;

namespace Provisioning.Probes.Benchmarks;

/// <summary>Everything one full probe run talks to, on this machine: the three HTTP components and a migrated PostgreSQL.</summary>
internal sealed class LocalEnvironment : IAsyncDisposable
{
    private LocalEnvironment(TodoStack stack, TestDatabase database, ProbeSettings settings)
    {
        Stack = stack;
        Database = database;
        Settings = settings;
    }

    public TodoStack Stack { get; }
    public TestDatabase Database { get; }
    public ProbeSettings Settings { get; }

    public static async Task<LocalEnvironment> StartAsync()
    {
        var stack = await TodoStack.StartAsync();
        var database = await PostgresServer.Shared.CreateDatabaseAsync("probebench");
        await using (var context = new TodoDbContext(TodoDbContextOptions.Create(database.ConnectionString)))
        {
            await context.Database.MigrateAsync();
        }
        var settings = stack.Settings(database.Url, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
        return new LocalEnvironment(stack, database, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await Stack.DisposeAsync();
        PostgresServer.StopShared();
    }
}
