using Microsoft.EntityFrameworkCore;
using Provisioning.Database.Model;

namespace Provisioning.Database.Tests;

/// <summary>The migrations compiled into src/Database, oldest first, read the way EF reads them.</summary>
internal static class CompiledMigrations
{
    public static IReadOnlyList<string> All { get; } = Read();

    /// <summary>The first migration (tasks only): the "older release" the upgrade tests start from.</summary>
    public static string First => All[0];

    private static List<string> Read()
    {
        using var context = new TodoDbContext(TodoDbContextOptions.Create("Host=offline.invalid;Database=offline"));
        return context.Database.GetMigrations().ToList();
    }
}
