namespace Provisioning.Catalogue;

/// <summary>
/// The check names of docs/contract.md; they are also the availability test names the alerts query. Each has exactly
/// one implementation in the probe (a test says so) and one entry in <see cref="TodoSystem.Checks"/>.
/// </summary>
public static class CheckNames
{
    public const string FrontendReachable = "frontend.reachable";
    public const string FrontendConfig = "frontend.config";
    public const string BackendHealth = "backend.health";
    public const string BackendAuthRejects = "backend.auth.rejects";
    public const string BackendAuthAccepts = "backend.auth.accepts";
    public const string BackendAuthz = "backend.authz";
    public const string McpHandshake = "mcp.handshake";
    public const string McpBackend = "mcp.backend";
    public const string DatabaseSchema = "database.schema";
    public const string PlatformMigration = "platform.migration";
    public const string PlatformRevisions = "platform.revisions";
}

/// <summary>What checks report under besides the deployed components: the database, and the hosting platform.</summary>
public static class CheckComponents
{
    public const string Database = "database";

    /// <summary>What the platform checks judge is the hosting platform, not one app.</summary>
    public const string Platform = "platform";
}
