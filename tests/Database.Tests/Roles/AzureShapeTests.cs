using Provisioning.Local;

namespace Provisioning.Database.Tests.Roles;

/// <summary>
/// The test server is the shape the job meets in Azure, or the role tests prove nothing about Azure: the major
/// version the template deploys, schema public of a new database owned by azure_pg_admin with CREATE for PUBLIC, and
/// an administrator that is a CREATEROLE, non-superuser member of azure_pg_admin.
/// </summary>
[TestClass]
public sealed class AzureShapeTests
{
    [TestMethod]
    public async Task The_server_runs_the_requested_major_version_16_by_default()
    {
        await using var server = await RoleTestServer.CreateAsync("shapever");

        var version = await Sql.RowsAsync(server.SuperuserConnectionString, "SELECT current_setting('server_version_num')::int / 10000");

        Assert.AreEqual(PostgresBinaries.RequestedMajorVersion().ToString(System.Globalization.CultureInfo.InvariantCulture), version.Single());
        Assert.AreEqual(PostgresBinaries.RequestedMajorVersion(), server.MajorVersion);
    }

    [TestMethod]
    public async Task A_new_database_has_public_owned_by_azure_pg_admin_and_PUBLIC_may_create_in_it()
    {
        await using var server = await RoleTestServer.CreateAsync("shapedb");

        var schema = await Sql.RowsAsync(server.SuperuserConnectionString, """
            SELECT pg_get_userbyid(nspowner)::text,
                   EXISTS (SELECT FROM aclexplode(nspacl) a WHERE a.grantee = 0 AND a.privilege_type = 'CREATE')
            FROM pg_namespace WHERE nspname = 'public'
            """);

        Assert.AreEqual("azure_pg_admin | True", schema.Single());
    }

    [TestMethod]
    public async Task The_administrator_is_a_CREATEROLE_member_of_azure_pg_admin_and_not_a_superuser()
    {
        await using var server = await RoleTestServer.CreateAsync("shapeadmin");

        var admin = await Sql.RowsAsync(server.SuperuserConnectionString, $"""
            SELECT rolsuper, rolcreaterole, rolcreatedb, pg_has_role('{server.Admin}', 'azure_pg_admin', 'MEMBER')
            FROM pg_roles WHERE rolname = '{server.Admin}'
            """);

        Assert.AreEqual("False | True | True | True", admin.Single());
    }
}
