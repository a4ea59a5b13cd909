namespace Provisioning.Local;

/// <summary>
/// What a new Azure Database for PostgreSQL flexible server looks like to the job, applied to a throwaway server so
/// role setup and migrations are tested against it: a group role azure_pg_admin (Azure's administrator is a
/// CREATEROLE, CREATEDB, non-superuser member of it), and in every new database (template1) schema public owned by
/// azure_pg_admin with CREATE allowed to PUBLIC, as Azure documents for new databases. Community PostgreSQL 15+
/// gives neither: there public belongs to pg_database_owner and PUBLIC may not create in it.
/// </summary>
public static class AzureServerShape
{
    public const string AdminGroup = "azure_pg_admin";

    /// <summary>Runs as the server's superuser (the test server's 'postgres', Azure's azuresu); idempotent.</summary>
    public static async Task ApplyAsync(LocalPostgres server, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        await server.ExecuteAsync("postgres", $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AdminGroup}') THEN CREATE ROLE {AdminGroup} NOLOGIN; END IF;
            END $$
            """, cancellationToken).ConfigureAwait(false);
        await server.ExecuteAsync("template1", $"ALTER SCHEMA public OWNER TO {AdminGroup}; GRANT USAGE, CREATE ON SCHEMA public TO PUBLIC",
            cancellationToken).ConfigureAwait(false);
    }
}
