using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Provisioning.Database.Configuration;
using Provisioning.Database.Model;

namespace Provisioning.Database.Verification;

/// <summary>
/// Checks a live database against the schema and migrations compiled into this build. Used by the CLI's
/// <c>verify-db</c> command and by the probe's <c>database.schema</c> check.
/// </summary>
public static class SchemaVerifier
{
    /// <summary>
    /// Connects with <paramref name="databaseUrl"/> (URL or keyword form) and reports. Never throws for a bad URL
    /// or an unreachable database: those become <see cref="SchemaReport.Problems"/>. Only cancellation of
    /// <paramref name="cancellationToken"/> surfaces as <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<SchemaReport> VerifyAsync(string databaseUrl, CancellationToken cancellationToken)
    {
        using var offline = TodoDbContextOptions.Offline();
        var compiled = offline.Database.GetMigrations().ToList();
        var latest = compiled.Count > 0 ? compiled[^1] : string.Empty;
        var expected = ExpectedTables(offline);

        if (!DatabaseUrl.TryParse(databaseUrl, out var url, out var urlError))
        {
            return new SchemaReport("(invalid DATABASE_URL)", false, [], [], compiled, latest, [urlError]);
        }

        var builder = url.CreateBuilder();
        // One short-lived connection per check: pooled idle connections would outlive the probe and hold the
        // database open (blocking DROP DATABASE in tests and counting against the server's connection limit).
        builder.Pooling = false;
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var tables = await ReadTablesAsync(connection, expected, cancellationToken).ConfigureAwait(false);
            var applied = await ReadAppliedMigrationsAsync(connection, cancellationToken).ConfigureAwait(false);
            var pending = compiled.Except(applied, StringComparer.Ordinal).ToList();
            var problems = new List<string>();
            foreach (var table in tables)
            {
                if (!table.Exists)
                {
                    problems.Add($"table '{table.Table}' is missing: run the migration job (az containerapp job start) to create it");
                }
                else if (table.ColumnsMissing.Count > 0)
                {
                    problems.Add($"table '{table.Table}' lacks column(s) {string.Join(", ", table.ColumnsMissing)}: run the migration job; if it reports nothing pending, the table was altered by hand");
                }
            }
            if (pending.Count > 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{pending.Count} migration(s) pending ({string.Join(", ", pending)}): run the migration job"));
            }
            var unknown = applied.Except(compiled, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                problems.Add($"the database has migration(s) this build does not know ({string.Join(", ", unknown)}): deploy the build that contains them");
            }
            return new SchemaReport(url.Redacted, true, tables, applied, pending, latest, problems) { UnknownMigrations = unknown };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new SchemaReport(url.Redacted, false, [], [], compiled, latest, [DatabaseFailure.Describe(e, url)]);
        }
    }

    private static List<(string Table, List<string> Columns)> ExpectedTables(TodoDbContext context) =>
        context.Model.GetRelationalModel().Tables
            .Select(t => (t.Name, t.Columns.Select(c => c.Name).ToList()))
            .ToList();

    private static async Task<List<TableFinding>> ReadTablesAsync(
        NpgsqlConnection connection, List<(string Table, List<string> Columns)> expected, CancellationToken cancellationToken)
    {
        // pg_catalog, not information_schema: information_schema shows only tables the current role holds a
        // privilege on, and the probe's role (todo_probe) holds none on the data tables by design.
        const string sql = """
            SELECT c.relname::text, a.attname::text
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname = ANY(@tables)
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("tables", expected.Select(t => t.Table).ToArray());
        var actual = new HashSet<(string, string)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                actual.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var existing = actual.Select(a => a.Item1).ToHashSet(StringComparer.Ordinal);
        return expected
            .Select(t => new TableFinding(
                t.Table,
                existing.Contains(t.Table),
                t.Columns.Where(c => actual.Contains((t.Table, c))).ToList(),
                t.Columns.Where(c => !actual.Contains((t.Table, c))).ToList()))
            .ToList();
    }

    private static async Task<List<string>> ReadAppliedMigrationsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass(quote_ident(@table)) IS NOT NULL", connection))
        {
            exists.Parameters.AddWithValue("table", TodoDbContextOptions.HistoryTable);
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return [];
            }
        }
        await using var command = new NpgsqlCommand(
            $"SELECT \"MigrationId\" FROM \"{TodoDbContextOptions.HistoryTable}\" ORDER BY \"MigrationId\"", connection);
        var applied = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied.Add(reader.GetString(0));
        }
        return applied;
    }
}
