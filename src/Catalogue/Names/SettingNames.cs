namespace Provisioning.Catalogue;

/// <summary>
/// Contract variable names (docs/contract.md, "Environment variables") the probe reads; the catalogue gives the same
/// names to the other components that read the same values.
/// </summary>
public static class SettingNames
{
    public const string FrontendUrl = "FRONTEND_URL";
    public const string BackendUrl = "BACKEND_URL";
    public const string McpUrl = "MCP_URL";
    public const string JwtSecretKey = "JWT_SECRET_KEY";
    public const string DatabaseUrl = "DATABASE_URL";
    public const string Environment = "PROBE_ENVIRONMENT";
    /// <summary>Optional: seconds every check may take, overriding each check's contract time limit (<see cref="CheckSpec.TimeLimit"/>).</summary>
    public const string CheckTimeoutSeconds = "PROBE_CHECK_TIMEOUT_SECONDS";
    /// <summary>Optional: seconds the whole run may take (default 45).</summary>
    public const string RunDeadlineSeconds = "PROBE_RUN_DEADLINE_SECONDS";
}
