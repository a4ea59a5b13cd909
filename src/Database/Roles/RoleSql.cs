using Npgsql;

namespace Provisioning.Database.Roles;

/// <summary>
/// Statement helpers for role set-up and grants. Identifiers and literals are always quoted by the server
/// (<c>format('%I')</c>, <c>format('%L')</c>, <c>::regclass</c>), never by string concatenation here.
/// </summary>
internal static class RoleSql
{
    public static void Execute(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    public static object? Scalar(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }

    public static List<string> Column(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    /// <summary>
    /// Builds a statement with <c>format(template, args…)</c> on the server and runs it there. CREATE/ALTER ROLE take
    /// no bind parameters, so this is how a password gets into one: it travels as a bind parameter, the server
    /// quotes it (<c>%L</c>), and the statement text lives only in a transaction-local setting. The logged top-level
    /// statements are the <c>set_config</c> call (DML-level) and the DO block, neither of which holds the literal,
    /// so <c>log_statement = ddl</c> does not record a password. Must run inside a transaction.
    /// </summary>
    public static void ExecuteFormatted(NpgsqlConnection connection, string template, params string[] args)
    {
        var placeholders = string.Join(", ", args.Select((_, i) => $"@a{i}"));
        var parameters = args.Select((a, i) => ($"a{i}", (object)a)).Prepend(("template", template)).ToArray();
        Execute(connection, $"SELECT set_config('todo_migrate.statement', format(@template, {placeholders}), true) IS NOT NULL", parameters);
        // Re-raising drops the error context, which would otherwise quote the statement (and so the password) back
        // to us and into the server log.
        Execute(connection, """
            DO $$ BEGIN EXECUTE current_setting('todo_migrate.statement');
            EXCEPTION WHEN OTHERS THEN RAISE EXCEPTION USING ERRCODE = SQLSTATE, MESSAGE = SQLERRM; END $$
            """);
        Execute(connection, "SELECT set_config('todo_migrate.statement', '', true) IS NOT NULL");
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
