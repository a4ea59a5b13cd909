namespace Provisioning.Environments.Todo;

/// <summary>
/// The facts of ../shared/CONTRACT.md the deployment is built from: component ports, health endpoints and who gets
/// which environment variable. Kept in one place so the template, the docs and the tests read the same table.
/// </summary>
public static class TodoContract
{
    public const string Frontend = "frontend";
    public const string Backend = "backend";
    public const string Mcp = "mcp";
    public const string Migrate = "migrate";
    public const string Probe = "probe";

    public const int FrontendPort = 3000;
    public const int BackendPort = 8000;
    public const int McpPort = 8001;

    /// <summary>The Functions host in the official base image listens on 80.</summary>
    public const int FunctionsPort = 80;

    public const string FrontendHealthPath = "/api/health";
    public const string BackendHealthPath = "/health";
    public const string McpHealthPath = "/health";
    public const string McpEndpointPath = "/mcp";

    public const string DatabaseName = "todo";
    public const int DatabasePort = 5432;

    /// <summary>The administrator login of the PostgreSQL server (not a secret; its password is).</summary>
    public const string DatabaseAdministratorLogin = "todoadmin";

    // Environment variable names (CONTRACT.md, "Environment variables").
    public const string DomainKeyVariable = "NEXT_PUBLIC_OPENAI_DOMAIN_KEY";
    public const string BackendUrlForFrontend = "REACT_APP_BACKEND_URL";
    public const string JwtSecretKey = "JWT_SECRET_KEY";
    public const string DatabaseUrl = "DATABASE_URL";
    public const string McpBackendUrl = "MCP_BACKEND_URL";
    public const string McpServerUrl = "MCP_SERVER_URL";
    public const string FrontendUrl = "FRONTEND_URL";
    public const string OpenAiApiKey = "OPENAI_API_KEY";
    public const string ProbeBackendUrl = "BACKEND_URL";
    public const string ProbeMcpUrl = "MCP_URL";

    /// <summary>Not a component's variable: where the deployment reads the PostgreSQL administrator password from.</summary>
    public const string PostgresAdminPasswordVariable = "POSTGRES_ADMIN_PASSWORD";

    /// <summary>Key Vault secret names: lowercase and hyphens, one per secret variable.</summary>
    public static class SecretNames
    {
        public const string JwtSecretKey = "jwt-secret-key";
        public const string DatabaseUrl = "database-url";
        public const string OpenAiApiKey = "openai-api-key";
    }
}
