using Npgsql;

namespace Provisioning.Database.Roles;

/// <summary>
/// The administrator's part of a migration run (DATABASE_ADMIN_URL): create the missing roles, set their passwords,
/// hand existing objects in schema public to the owner (a database that wave 1 migrated as the administrator), and
/// give the owner what it needs on the database and the schema. One transaction, so a failure changes nothing.
/// <para>
/// Written for an administrator that is NOT a superuser (Azure Flexible Server's: CREATEROLE, CREATEDB, member of
/// azure_pg_admin). Under PostgreSQL 16 a CREATEROLE user gets ADMIN OPTION on the roles it creates (enough to set
/// passwords) but may only ALTER … OWNER TO a role it can SET ROLE to, so it grants itself the owner role first.
/// </para>
/// </summary>
public static class RoleSetup
{
    /// <param name="admin">An open connection as the administrator to the owner's database, holding the migration lock.</param>
    /// <param name="warn">Where lines about roles left missing go.</param>
    public static void Apply(NpgsqlConnection admin, RoleSettings roles, Action<string> log, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(warn);

        using var transaction = admin.BeginTransaction();
        // The server hashes the password; this makes it SCRAM whatever the server's default.
        RoleSql.Execute(admin, "SET LOCAL password_encryption = 'scram-sha-256'");

        // Before any change, so a run that cannot finish changes nothing and names every role at once.
        AdminOption.Require(admin, [
            .. new[] { roles.Owner, roles.App, roles.Probe }.Where(r => r.Password is not null).Select(r => r.Name),
            // An alternate login is altered, and made a member of its role (which needs ADMIN OPTION on the role).
            .. roles.Alternates.Where(a => a.Login.Password is not null).SelectMany(a => new[] { a.Login.Name, a.Of.Name })]);

        var created = new List<string>();
        var passwordsSet = new List<string>();
        var missing = new List<string>();
        foreach (var (role, variable) in new[] { (roles.Owner, Configuration.DatabaseUrl.VariableName), (roles.App, RoleSettings.AppPasswordVariable), (roles.Probe, RoleSettings.ProbePasswordVariable) })
        {
            var exists = RoleSql.Scalar(admin, "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = @name)", ("name", role.Name)) is true;
            if (role.Password is null)
            {
                if (!exists)
                {
                    missing.Add($"role {role.Name} does not exist and {variable} gives no password for it: not created");
                }
                continue;
            }
            if (!exists)
            {
                // Attributes not named default to NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS.
                RoleSql.ExecuteFormatted(admin, "CREATE ROLE %I WITH LOGIN", role.Name);
                created.Add(role.Name);
            }
            RoleSql.ExecuteFormatted(admin, "ALTER ROLE %I WITH LOGIN PASSWORD %L", role.Name, role.Password);
            passwordsSet.Add(role.Name);
        }

        // The alternate logins: members of their role (INHERIT: its privileges and no others), with their own password.
        foreach (var (login, of, variable) in roles.Alternates.Where(a => a.Login.Password is not null))
        {
            if (RoleSql.Scalar(admin, "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = @name)", ("name", of.Name)) is not true)
            {
                missing.Add($"role {of.Name} does not exist, so its alternate login {login.Name} ({variable}) was not created");
                continue;
            }
            if (RoleSql.Scalar(admin, "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = @name)", ("name", login.Name)) is not true)
            {
                RoleSql.ExecuteFormatted(admin, "CREATE ROLE %I WITH LOGIN INHERIT", login.Name);
                created.Add(login.Name);
            }
            RoleSql.ExecuteFormatted(admin, "ALTER ROLE %I WITH LOGIN INHERIT PASSWORD %L", login.Name, login.Password!);
            if (RoleSql.Scalar(admin, "SELECT pg_has_role(@login, @role, 'MEMBER')", ("login", login.Name), ("role", of.Name)) is not true)
            {
                RoleSql.ExecuteFormatted(admin, "GRANT %I TO %I", of.Name, login.Name);
            }
            passwordsSet.Add(login.Name);
        }

        // PUBLIC's CREATE goes first: the grants below check what each role holds, and a CREATE held only through
        // PUBLIC must not count as the owner's (it did once, and the owner was left without CREATE: 42501 on
        // __EFMigrationsHistory in the first run on a new Azure database).
        HeldGrants.RevokePublicCreate(admin);
        var database = (string)RoleSql.Scalar(admin, "SELECT current_database()::text")!;
        var ownerExists = RoleSql.Scalar(admin, "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = @name)", ("name", roles.Owner.Name)) is true;
        var handedOver = ownerExists ? GrantToOwner(admin, roles, database) : 0;
        foreach (var role in new[] { roles.App, roles.Probe })
        {
            if (RoleSql.Scalar(admin, "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = @name)", ("name", role.Name)) is true)
            {
                HeldGrants.Connect(admin, role.Name, database);
                HeldGrants.Schema(admin, role.Name, "USAGE");
            }
        }
        transaction.Commit();

        log($"roles: created {List(created)}; password set for {List(passwordsSet)}; {handedOver} object(s) in schema public handed to {roles.Owner.Name}");
        foreach (var line in missing)
        {
            warn(line);
        }
    }

    private static int GrantToOwner(NpgsqlConnection admin, RoleSettings roles, string database)
    {
        var owner = roles.Owner.Name;
        HeldGrants.Connect(admin, owner, database);
        HeldGrants.Schema(admin, owner, "USAGE", "CREATE");

        // Sequences that belong to a column (identity, serial) follow their table and cannot be moved on their own.
        var statements = RoleSql.Column(admin, """
            SELECT format('ALTER %s %s OWNER TO %I',
                          CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                          c.oid::regclass, @owner)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public'
              AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
              AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = @owner)
              AND NOT EXISTS (SELECT FROM pg_depend d
                              WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
            ORDER BY c.relkind DESC, c.relname
            """, ("owner", owner));
        if (statements.Count == 0)
        {
            return 0;
        }
        // ALTER … OWNER TO needs SET ROLE rights on the new owner (PostgreSQL 16), and granting the owner needs ADMIN
        // OPTION on it; granting a role one already holds is a no-op with a notice, so this is safe on every run.
        AdminOption.Require(admin, [owner]);
        RoleSql.ExecuteFormatted(admin, "GRANT %I TO CURRENT_USER", owner);
        if (RoleSql.Scalar(admin, "SELECT pg_has_role(current_user, @owner, 'MEMBER')", ("owner", owner)) is not true)
        {
            var administrator = (string)RoleSql.Scalar(admin, "SELECT current_user::text")!;
            throw new RoleSetupException($"GRANT {owner} TO {administrator} took no effect, so {administrator} cannot hand {statements.Count} object(s) in schema public to {owner}. Fix: run GRANT {owner} TO {administrator} as a role with ADMIN OPTION on {owner} (a superuser), then run the job again.");
        }
        foreach (var statement in statements)
        {
            RoleSql.Execute(admin, statement);
        }
        return statements.Count;
    }

    private static string List(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
