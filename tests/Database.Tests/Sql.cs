using Npgsql;

namespace Provisioning.Database.Tests;

/// <summary>Small helpers for reading a test database as plain SQL, independent of the code under test.</summary>
internal static class Sql
{
    public static async Task<List<string>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                cells[i] = reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }
            rows.Add(string.Join(" | ", cells));
        }
        return rows;
    }

    /// <summary>Rows sorted ordinally here, so the comparison never depends on the server's collation.</summary>
    public static async Task<List<string>> SortedRowsAsync(string connectionString, string sql) =>
        (await RowsAsync(connectionString, sql)).Order(StringComparer.Ordinal).ToList();

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public const string HistoryRows = """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY 1""";

    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The statement is refused for want of a privilege (42501), not for any other reason.</summary>
    public static async Task AssertDeniedAsync(NpgsqlConnection connection, string sql)
    {
        var denied = await Assert.ThrowsExactlyAsync<PostgresException>(() => ExecuteAsync(connection, sql), sql);
        Assert.AreEqual("42501", denied.SqlState, $"{sql}: {denied.MessageText}");
    }
}
