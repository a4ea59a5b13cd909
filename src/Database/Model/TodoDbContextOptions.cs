using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Provisioning.Database.Model;

/// <summary>The one place that configures the Npgsql provider, so the bundle, the verifier and tests agree.</summary>
public static class TodoDbContextOptions
{
    /// <summary>The history table docs/contract.md names; EF's default, spelled out so nobody changes it by accident.</summary>
    public const string HistoryTable = "__EFMigrationsHistory";

    /// <param name="afterMigrations">
    /// Runs at the end of every <c>Migrate()</c> (also when nothing was pending), inside its transaction and migration
    /// lock: EF Core's seeding hook, which the migration bundle calls too.
    /// </param>
    public static DbContextOptions<TodoDbContext> Create(
        string connectionString, Action<NpgsqlDbContextOptionsBuilder>? configure = null, Action<DbContext>? afterMigrations = null)
    {
        var builder = new DbContextOptionsBuilder<TodoDbContext>()
            .UseNpgsql(connectionString, npgsql =>
            {
                npgsql.MigrationsHistoryTable(HistoryTable);
                npgsql.MigrationsAssembly(typeof(TodoDbContext).Assembly.GetName().Name);
                configure?.Invoke(npgsql);
            });
        if (afterMigrations is not null)
        {
            // Both forms: Migrate() calls the synchronous one, MigrateAsync() insists on the asynchronous one.
            builder.UseSeeding((context, _) => afterMigrations(context))
                .UseAsyncSeeding((context, _, _) =>
                {
                    afterMigrations(context);
                    return Task.CompletedTask;
                });
        }
        return builder.Options;
    }

    /// <summary>A context that is only asked about its model and compiled migrations; it never connects.</summary>
    internal static TodoDbContext Offline() =>
        new(Create("Host=offline.invalid;Database=offline"));
}
