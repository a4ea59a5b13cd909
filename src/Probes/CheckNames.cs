namespace Provisioning.Probes;

/// <summary>The check names of CONTRACT.md; they are also the availability test names the alerts query.</summary>
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

    public static IReadOnlyList<string> All { get; } =
    [
        FrontendReachable, FrontendConfig, BackendHealth, BackendAuthRejects,
        BackendAuthAccepts, BackendAuthz, McpHandshake, McpBackend, DatabaseSchema,
    ];
}

/// <summary>Component names as in CONTRACT.md's component table.</summary>
public static class Components
{
    public const string Frontend = "frontend";
    public const string Backend = "backend";
    public const string Mcp = "mcp";
    public const string Database = "database";
}
