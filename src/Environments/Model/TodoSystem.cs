using Provisioning.Environments.Configuration;
using Provisioning.Probes;

namespace Provisioning.Environments.Model;

/// <summary>
/// The Todo AI Chatbot system of docs/contract.md as data: the one place that says which components exist, how
/// each is reached and checked, which variables and secrets each gets, and how the probe reports. Everything the
/// generator writes (templates, parameter files, READMEs) is derived from <see cref="Description"/>; see
/// docs/extending.md for what to change here to add a component, a variable, a secret or a check.
/// </summary>
public static class TodoSystem
{
    public const string Frontend = "frontend";
    public const string Backend = "backend";
    public const string Mcp = "mcp";
    public const string Migrate = "migrate";
    public const string Probe = "probe";

    /// <summary>The MCP server's Streamable HTTP endpoint.</summary>
    public const string McpEndpointPath = "/mcp";

    // Key Vault secrets.
    public const string JwtSecretKeySecret = "jwt-secret-key";
    public const string DatabaseUrlSecret = "database-url";
    public const string OpenAiApiKeySecret = "openai-api-key";

    // Secure parameters.
    public const string JwtSecretKeyParameter = "jwtSecretKey";
    public const string PostgresAdminPasswordParameter = "postgresAdminPassword";
    public const string OpenAiApiKeyParameter = "openAiApiKey";

    public static SystemDescription Description { get; } = new()
    {
        Components =
        [
            new ComponentSpec
            {
                Name = Frontend,
                Description = "Next.js + ChatKit frontend",
                Kind = WorkloadKind.App,
                Ingress = IngressKind.External,
                Port = 3000,
                Health = new HealthSpec("/api/health"),
                Size = new SizeSpec("$.frontend", c => c.Frontend),
                Variables =
                [
                    VariableSpec.Setting("NEXT_PUBLIC_OPENAI_DOMAIN_KEY", "$.frontend.openAiDomainKey", c => c.Frontend.OpenAiDomainKey),
                    VariableSpec.Url("REACT_APP_BACKEND_URL", Backend),
                    VariableSpec.Secret("JWT_SECRET_KEY", JwtSecretKeySecret),
                ],
            },
            new ComponentSpec
            {
                Name = Backend,
                Description = "FastAPI backend",
                Kind = WorkloadKind.App,
                Ingress = IngressKind.External,
                Port = 8000,
                // /health answers 503 while the database is unreachable: no traffic then, but no restarts either.
                Health = new HealthSpec("/health", LivenessOnTcp: true),
                Size = new SizeSpec("$.backend", c => c.Backend),
                Variables =
                [
                    VariableSpec.Url("MCP_SERVER_URL", Mcp, McpEndpointPath),
                    VariableSpec.Url("FRONTEND_URL", Frontend),
                    VariableSpec.Secret("JWT_SECRET_KEY", JwtSecretKeySecret),
                    VariableSpec.Secret("DATABASE_URL", DatabaseUrlSecret),
                    VariableSpec.Secret("OPENAI_API_KEY", OpenAiApiKeySecret),
                ],
            },
            new ComponentSpec
            {
                Name = Mcp,
                Description = "MCP server",
                Kind = WorkloadKind.App,
                Ingress = IngressKind.Internal,
                Port = 8001,
                Health = new HealthSpec("/health"),
                Size = new SizeSpec("$.mcp", c => c.Mcp),
                Variables =
                [
                    VariableSpec.Url("MCP_BACKEND_URL", Backend),
                    VariableSpec.Secret("JWT_SECRET_KEY", JwtSecretKeySecret),
                ],
            },
            new ComponentSpec
            {
                Name = Migrate,
                Symbol = "migrationJob",
                Description = "migration job (EF Core bundle)",
                Kind = WorkloadKind.Job,
                Size = SizeSpec.Fixed(0.5m, "1Gi", 1),
                // The bundle retries connections for up to 120 s (MIGRATE_CONNECT_TIMEOUT_SECONDS), may wait up to
                // 600 s for another run's migration lock, then migrates: 15 minutes covers all three. One retry
                // covers a server that was still starting; the postdeploy hook waits for both attempts.
                Job = new JobSpec(ReplicaTimeoutSeconds: 900, RetryLimit: 1),
                Variables = [VariableSpec.Secret("DATABASE_URL", DatabaseUrlSecret)],
            },
            new ComponentSpec
            {
                Name = Probe,
                Description = "health probe (Azure Functions on Container Apps)",
                Kind = WorkloadKind.FunctionApp,
                // Internal ingress lets the platform reach the host; nothing outside the environment can.
                Ingress = IngressKind.Internal,
                // The Functions host in the official base image listens on 80 and has no health endpoint of its own.
                Port = 80,
                Health = new HealthSpec(Path: null),
                // A timer must keep firing: never scale to zero, and one replica is enough (the timer is a singleton).
                Size = SizeSpec.Fixed(0.5m, "1Gi", 1),
                Variables =
                [
                    VariableSpec.Url(SettingNames.FrontendUrl, Frontend),
                    VariableSpec.Url(SettingNames.BackendUrl, Backend),
                    VariableSpec.Url(SettingNames.McpUrl, Mcp, McpEndpointPath),
                    VariableSpec.Setting(SettingNames.Environment, "the environment's name", c => c.Name),
                    VariableSpec.Setting("PROBE_SCHEDULE", "$.probe.schedule", c => c.Probe.Schedule),
                    VariableSpec.Literal("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated"),
                    // The Functions host keeps timer schedules and leases in storage, reached with the identity.
                    VariableSpec.Platform("AzureWebJobsStorage__accountName", PlatformSetting.FunctionsStorageAccountName),
                    VariableSpec.Literal("AzureWebJobsStorage__credential", "managedidentity"),
                    VariableSpec.Platform("AzureWebJobsStorage__clientId", PlatformSetting.IdentityClientId),
                    VariableSpec.Platform("APPLICATIONINSIGHTS_CONNECTION_STRING", PlatformSetting.ApplicationInsightsConnectionString),
                    VariableSpec.Platform("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", PlatformSetting.ApplicationInsightsAuthentication),
                    VariableSpec.Secret(SettingNames.JwtSecretKey, JwtSecretKeySecret),
                    VariableSpec.Secret(SettingNames.DatabaseUrl, DatabaseUrlSecret),
                ],
            },
        ],
        SecureParameters =
        [
            new SecureParameterSpec
            {
                Name = JwtSecretKeyParameter,
                Variable = "JWT_SECRET_KEY",
                Description = "JWT_SECRET_KEY: HS256 key shared by frontend, backend, mcp and probe; at least 32 random bytes. Stored in Key Vault only.",
                MinLength = 32,
            },
            new SecureParameterSpec
            {
                Name = PostgresAdminPasswordParameter,
                Variable = "POSTGRES_ADMIN_PASSWORD",
                Description = "Password of the PostgreSQL administrator; it reaches apps only inside the DATABASE_URL Key Vault secret.",
                MinLength = 16,
                MaxLength = 128,
            },
            new SecureParameterSpec
            {
                Name = OpenAiApiKeyParameter,
                Variable = "OPENAI_API_KEY",
                Description = "OPENAI_API_KEY for the backend. Stored in Key Vault only.",
                When = c => c.Backend.OpenAiApiKey,
            },
        ],
        Secrets =
        [
            new SecretSpec { Name = JwtSecretKeySecret, Symbol = "jwtSecret", Content = new ParameterContent(JwtSecretKeyParameter), ContentType = "HS256 key" },
            new SecretSpec
            {
                Name = DatabaseUrlSecret,
                Symbol = "databaseUrlSecret",
                Content = new DatabaseUrlContent("todoadmin", PostgresAdminPasswordParameter),
                ContentType = "postgresql URL",
            },
            new SecretSpec { Name = OpenAiApiKeySecret, Symbol = "openAiApiKeySecret", Content = new ParameterContent(OpenAiApiKeyParameter) },
        ],
        Checks = [.. StandardChecks.Create().Select(CheckSpec.Of)],
        Database = new DatabaseSpec(Name: "todo", Port: 5432, AdministratorLogin: "todoadmin", AdministratorPasswordParameter: PostgresAdminPasswordParameter),
        ProbeRoleName = ProbeTelemetry.CloudRoleName,
    };

    /// <summary>The components of the system.</summary>
    public static IReadOnlyList<ComponentSpec> Components => Description.Components;
}
