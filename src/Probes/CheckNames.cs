namespace Provisioning.Probes;

/// <summary>The check names of docs/contract.md; they are also the availability test names the alerts query.</summary>
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

    /// <summary>The names of the registered checks (<see cref="StandardChecks"/>), in the order they run and report.</summary>
    public static IReadOnlyList<string> All { get; } = [.. StandardChecks.Create().Select(c => c.Name)];
}

/// <summary>Component names as in docs/contract.md's component table.</summary>
public static class Components
{
    public const string Frontend = "frontend";
    public const string Backend = "backend";
    public const string Mcp = "mcp";
    public const string Database = "database";
}

/// <summary>How the probe appears in Application Insights; the deployment's alert queries filter on it.</summary>
public static class ProbeTelemetry
{
    /// <summary>
    /// cloud_RoleName of every availability result. The Functions worker overwrites the role name with the
    /// WEBSITE_CLOUD_ROLENAME app setting, so the deployment sets that setting to this value.
    /// </summary>
    public const string CloudRoleName = "todo-probe";
}
