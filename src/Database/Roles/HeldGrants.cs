using Npgsql;

namespace Provisioning.Database.Roles;

/// <summary>
/// The administrator's grants on the database and on schema public, each checked after it ran: PostgreSQL answers a
/// GRANT or REVOKE by a role that may not make it with a warning ("no privileges were granted"), not an error, so an
/// unchecked one commits a database the owner cannot migrate or where the backend may still create tables. A
/// failure names who owns the object and how to let the administrator act for that owner.
/// </summary>
internal static class HeldGrants
{
    public static void Connect(NpgsqlConnection admin, string role, string database) =>
        Ensure(admin, role, ["has_database_privilege(@role, current_database(), 'CONNECT')"],
            "GRANT CONNECT ON DATABASE %I TO %I", [database, role], $"GRANT CONNECT ON DATABASE {database} TO {role}", DatabaseOwnerCause);

    /// <param name="privileges">USAGE, CREATE: the schema privileges the role must hold.</param>
    public static void Schema(NpgsqlConnection admin, string role, params string[] privileges) =>
        Ensure(admin, role, [.. privileges.Select(p => $"has_schema_privilege(@role, 'public', '{p}')")],
            $"GRANT {string.Join(", ", privileges)} ON SCHEMA public TO %I", [role], $"GRANT {string.Join(", ", privileges)} ON SCHEMA public TO {role}", SchemaOwnerCause);

    /// <summary>
    /// PostgreSQL 15+ no longer lets everyone create objects in schema public, but Azure's new databases do, as does a
    /// database created on an older server (or restored from one); the backend's role must not CREATE TABLE through PUBLIC.
    /// </summary>
    public static void RevokePublicCreate(NpgsqlConnection admin)
    {
        if (!PublicCanCreate(admin))
        {
            return;
        }
        RoleSql.Execute(admin, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        if (PublicCanCreate(admin))
        {
            throw new RoleSetupException($"REVOKE CREATE ON SCHEMA public FROM PUBLIC took no effect: {SchemaOwnerCause(admin)}");
        }
    }

    /// <summary>Grants only what is not held, so a run never needs a right it does not use; then checks it is held.</summary>
    private static void Ensure(NpgsqlConnection admin, string role, string[] checks, string template, string[] args, string statement, Func<NpgsqlConnection, string> cause)
    {
        var check = "SELECT " + string.Join(" AND ", checks);
        if (RoleSql.Scalar(admin, check, ("role", role)) is true)
        {
            return;
        }
        RoleSql.ExecuteFormatted(admin, template, args);
        if (RoleSql.Scalar(admin, check, ("role", role)) is not true)
        {
            throw new RoleSetupException($"{statement} took no effect: {cause(admin)}");
        }
    }

    private static bool PublicCanCreate(NpgsqlConnection admin) => RoleSql.Scalar(admin, """
        SELECT EXISTS (SELECT FROM pg_namespace n, aclexplode(n.nspacl) a
                       WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE')
        """) is true;

    private static string DatabaseOwnerCause(NpgsqlConnection admin)
    {
        var (owner, administrator) = Owner(admin, "SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database()");
        var database = (string)RoleSql.Scalar(admin, "SELECT current_database()::text")!;
        return $"database {database} is owned by {owner}, and the administrator {administrator} is neither that role nor a member of it, so it may not grant on the database. Fix: GRANT {owner} TO {administrator} (run by a role with ADMIN OPTION on {owner}), or ALTER DATABASE {database} OWNER TO {AzureAdminGroup}, then run the job again.";
    }

    private static string SchemaOwnerCause(NpgsqlConnection admin)
    {
        var (owner, administrator) = Owner(admin, "SELECT pg_get_userbyid(nspowner)::text FROM pg_namespace WHERE nspname = 'public'");
        return $"schema public is owned by {owner}, and the administrator {administrator} is neither that role nor a member of it, so it may not grant or revoke on the schema. Fix: GRANT {owner} TO {administrator} (run by a role with ADMIN OPTION on {owner}), or ALTER SCHEMA public OWNER TO {AzureAdminGroup} (as in a new Azure database), then run the job again.";
    }

    /// <summary>Azure's group of administrators: owns schema public of a new database; the server admin is a member.</summary>
    private const string AzureAdminGroup = "azure_pg_admin";

    private static (string Owner, string Administrator) Owner(NpgsqlConnection admin, string ownerQuery) =>
        ((string)RoleSql.Scalar(admin, ownerQuery)!, (string)RoleSql.Scalar(admin, "SELECT current_user::text")!);
}
