using Npgsql;

namespace Provisioning.Database.Roles;

/// <summary>
/// PostgreSQL 16 changed CREATEROLE: altering a role (its password) or granting it now needs ADMIN OPTION on that
/// role, which a CREATEROLE user gets only on the roles it creates itself. Roles made by someone else (an in-place
/// 15→16 upgrade, a restore, a role made by hand) fail with "permission denied to alter role", which reads as if
/// CREATEROLE were missing; this check names what is really missing, for every such role at once, before any change.
/// </summary>
internal static class AdminOption
{
    public static void Require(NpgsqlConnection admin, IEnumerable<string> roles)
    {
        if (RoleSql.Scalar(admin, "SELECT current_setting('server_version_num')::int >= 160000 AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)") is not true)
        {
            return; // 15 and older: CREATEROLE may alter any role that is not a superuser. A superuser may alter any.
        }
        var without = RoleSql.Column(admin, """
            SELECT r.rolname::text FROM pg_roles r
            WHERE r.rolname = ANY(@roles) AND NOT pg_has_role(current_user, r.oid, 'MEMBER WITH ADMIN OPTION')
            ORDER BY r.rolname
            """, ("roles", roles.ToArray()));
        if (without.Count == 0)
        {
            return;
        }
        var administrator = (string)RoleSql.Scalar(admin, "SELECT current_user::text")!;
        var fixes = string.Join("; ", without.Select(role => $"GRANT {role} TO {administrator} WITH ADMIN OPTION"));
        throw new RoleSetupException(
            $"the administrator {administrator} has no ADMIN OPTION on {string.Join(", ", without)}: since PostgreSQL 16 CREATEROLE alters only the roles one has ADMIN OPTION on, which the administrator has on the roles it created itself, and these were created by another role (an in-place upgrade, a restore, by hand). Fix: run {fixes} as a role that has ADMIN OPTION on them (the role that created them, or a superuser), then run the job again.");
    }
}
