using Microsoft.EntityFrameworkCore;
using Npgsql;
using Provisioning.Database.Model;

namespace Provisioning.Database.Roles;

/// <summary>
/// The owner's part of a migration run: grant the backend's role DML on the model's tables and their sequences and
/// the probe's role SELECT on the migration history, nothing else. Runs as EF Core's seeding step, which
/// <c>Migrate()</c> calls after the migrations on every run (also when none was pending), inside its transaction and
/// while it holds its migration lock. Each run first revokes everything it manages, so it converges on exactly the
/// contract's grants whatever was granted before.
/// </summary>
public static class RoleGrants
{
    private const string Dml = "SELECT, INSERT, UPDATE, DELETE";

    /// <param name="warn">Where lines about skipped roles go.</param>
    public static void Apply(DbContext context, RoleSettings roles, Action<string> log, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(warn);
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();

        var modelTables = context.Model.GetRelationalModel().Tables.Select(t => t.Name).ToArray();
        var tables = ReadTables(connection, [.. modelTables, TodoDbContextOptions.HistoryTable]);
        var notOwned = tables.Where(t => !t.OwnedByCurrentUser).Select(t => $"{t.Name} (owner {t.Owner})").ToList();
        if (notOwned.Count > 0)
        {
            throw new InvalidOperationException(
                $"cannot grant: {string.Join(", ", notOwned)} not owned by {roles.Owner.Name}; run the job once with DATABASE_ADMIN_URL set so it hands the schema to {roles.Owner.Name}.");
        }
        var history = tables.Where(t => t.Name == TodoDbContextOptions.HistoryTable).Select(t => t.QualifiedName).ToList();
        var data = tables.Where(t => t.Name != TodoDbContextOptions.HistoryTable).Select(t => t.QualifiedName).ToList();
        var sequences = RoleSql.Column(connection, """
            SELECT s.oid::regclass::text
            FROM pg_class s
            JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
                            AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
            WHERE s.relkind = 'S' AND d.refobjid = ANY(@tables::regclass[])
            ORDER BY 1
            """, ("tables", data.ToArray()));

        var existing = RoleSql.Column(connection, "SELECT rolname::text FROM pg_roles WHERE rolname = ANY(@names)",
            ("names", new[] { roles.App.Name, roles.Probe.Name }));
        var done = new List<string>();
        if (existing.Contains(roles.App.Name))
        {
            var app = Quote(connection, roles.App.Name);
            RevokeAll(connection, app, data, history, sequences);
            Each(connection, data, t => $"GRANT {Dml} ON TABLE {t} TO {app}");
            Each(connection, sequences, s => $"GRANT USAGE, SELECT ON SEQUENCE {s} TO {app}");
            // Tables and sequences a later migration creates are usable by the backend from the moment they commit.
            RoleSql.Execute(connection, $"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT {Dml} ON TABLES TO {app}");
            RoleSql.Execute(connection, $"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {app}");
            done.Add($"{roles.App.Name}: DML on {Names(data)} and {sequences.Count} sequence(s)");
        }
        if (existing.Contains(roles.Probe.Name))
        {
            var probe = Quote(connection, roles.Probe.Name);
            RevokeAll(connection, probe, data, history, sequences);
            Each(connection, history, t => $"GRANT SELECT ON TABLE {t} TO {probe}");
            done.Add($"{roles.Probe.Name}: SELECT on {Names(history)}");
        }
        log($"grants: {(done.Count == 0 ? "none" : string.Join("; ", done))}");
        foreach (var role in new[] { roles.App, roles.Probe }.Where(r => !existing.Contains(r.Name)))
        {
            warn($"role {role.Name} does not exist: its grants were skipped; set {RoleSettings.AdminUrlVariable} and its password variable so the job creates it, or create it (CREATE ROLE {role.Name} LOGIN PASSWORD …) and run the job again");
        }
    }

    private static void RevokeAll(NpgsqlConnection connection, string role, List<string> data, List<string> history, List<string> sequences)
    {
        Each(connection, [.. data, .. history], t => $"REVOKE ALL ON TABLE {t} FROM {role}");
        Each(connection, sequences, s => $"REVOKE ALL ON SEQUENCE {s} FROM {role}");
    }

    private static void Each(NpgsqlConnection connection, IEnumerable<string> objects, Func<string, string> statement)
    {
        foreach (var item in objects)
        {
            RoleSql.Execute(connection, statement(item));
        }
    }

    private static string Quote(NpgsqlConnection connection, string identifier) =>
        (string)RoleSql.Scalar(connection, "SELECT quote_ident(@name)", ("name", identifier))!;

    private static string Names(List<string> tables) => tables.Count == 0 ? "no table" : string.Join(", ", tables);

    private sealed record Table(string Name, string QualifiedName, string Owner, bool OwnedByCurrentUser);

    private static List<Table> ReadTables(NpgsqlConnection connection, string[] names)
    {
        using var command = new NpgsqlCommand("""
            SELECT c.relname::text, c.oid::regclass::text, pg_get_userbyid(c.relowner)::text, pg_has_role(current_user, c.relowner, 'USAGE')
            FROM pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname = ANY(@names)
            ORDER BY c.relname
            """, connection);
        command.Parameters.AddWithValue("names", names);
        using var reader = command.ExecuteReader();
        var tables = new List<Table>();
        while (reader.Read())
        {
            tables.Add(new Table(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        }
        return tables;
    }
}
