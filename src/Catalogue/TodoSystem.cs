namespace Provisioning.Catalogue;

/// <summary>
/// The Todo AI Chatbot system of docs/contract.md as data: the one place that says which components exist, how
/// each is reached and checked, which variables and secrets each gets, and how the probe reports. Everything the
/// generator writes (templates, parameter files, READMEs), what the probe checks and reads, what the local stack
/// runs, and what the tests expect are derived from <see cref="Description"/>; see docs/extending.md for what to
/// change here to add a component, a variable, a secret or a check.
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

    // Database roles (docs/contract.md, "Database roles"): one per component that connects.
    public const string AdministratorRole = "todoadmin";
    public const string OwnerRole = "todo_owner";
    public const string AppRole = "todo_app";
    public const string ProbeRole = "todo_probe";

    /// <summary>
    /// The second login of a component role (a member of it, so with exactly its privileges): a password rotation
    /// moves the component to the login not in use, so the old password stays valid until every replica has moved.
    /// </summary>
    public const string AlternateLoginSuffix = "_alt";

    // Key Vault secrets.
    public const string JwtSecretKeySecret = "jwt-secret-key";
    public const string JwtSecretKeyPreviousSecret = "jwt-secret-key-previous";
    public const string OpenAiApiKeySecret = "openai-api-key";
    public const string DatabaseAdminUrlSecret = "database-admin-url";
    public const string DatabaseUrlMigrateSecret = "database-url-migrate";
    public const string DatabaseUrlBackendSecret = "database-url-backend";
    public const string DatabaseUrlProbeSecret = "database-url-probe";
    public const string DatabasePasswordAppSecret = "database-password-app";
    public const string DatabasePasswordProbeSecret = "database-password-probe";
    public const string DatabasePasswordAdminSecret = "database-password-admin";
    public const string DatabasePasswordAppAlternateSecret = "database-password-app-alt";
    public const string DatabasePasswordProbeAlternateSecret = "database-password-probe-alt";

    // Secure parameters.
    public const string JwtSecretKeyParameter = "jwtSecretKey";
    public const string JwtSecretKeyPreviousParameter = "jwtSecretKeyPrevious";
    public const string PostgresAdminPasswordParameter = "postgresAdminPassword";
    public const string PostgresOwnerPasswordParameter = "postgresOwnerPassword";
    public const string PostgresAppPasswordParameter = "postgresAppPassword";
    public const string PostgresProbePasswordParameter = "postgresProbePassword";
    public const string PostgresAppAlternatePasswordParameter = "postgresAppAlternatePassword";
    public const string PostgresProbeAlternatePasswordParameter = "postgresProbeAlternatePassword";
    public const string OpenAiApiKeyParameter = "openAiApiKey";

    /// <summary>
    /// Pins the backend's JWT_SECRET_KEY reference to one version of jwt-secret-key during a key rotation: the backend
    /// keeps accepting the old key while the new one is written as current and the issuers move to it.
    /// </summary>
    public static readonly SecretPin JwtSecretKeyPin = new("jwtKeyVersion", "JWT_KEY_VERSION");

    /// <summary>The content type of the JWT signing keys in the vault (also how <c>secrets</c> knows to make a key, not a password).</summary>
    public const string HS256Key = "HS256 key";

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
                Size = SizeSpec.FromFile(Frontend),
                Variables =
                [
                    VariableSpec.Setting("NEXT_PUBLIC_OPENAI_DOMAIN_KEY", ConfigurationSettings.FrontendDomainKey),
                    VariableSpec.Url("REACT_APP_BACKEND_URL", Backend),
                    VariableSpec.Secret(SettingNames.JwtSecretKey, JwtSecretKeySecret),
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
                Size = SizeSpec.FromFile(Backend),
                Variables =
                [
                    VariableSpec.Url("MCP_SERVER_URL", Mcp, McpEndpointPath),
                    VariableSpec.Url(SettingNames.FrontendUrl, Frontend),
                    VariableSpec.PinnedSecret(SettingNames.JwtSecretKey, JwtSecretKeySecret, JwtSecretKeyPin),
                    // Only during a key rotation window (docs/contract.md, JWT): the backend also accepts tokens signed with it.
                    VariableSpec.Secret("JWT_SECRET_KEY_PREVIOUS", JwtSecretKeyPreviousSecret),
                    VariableSpec.Secret(SettingNames.DatabaseUrl, DatabaseUrlBackendSecret),
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
                Size = SizeSpec.FromFile(Mcp),
                Variables =
                [
                    VariableSpec.Url("MCP_BACKEND_URL", Backend),
                    VariableSpec.Secret(SettingNames.JwtSecretKey, JwtSecretKeySecret),
                ],
            },
            new ComponentSpec
            {
                Name = Migrate,
                Symbol = "migrationJob",
                Description = "migration job (EF Core bundle)",
                Kind = WorkloadKind.Job,
                Size = SizeSpec.Fixed(0.5m, "1Gi", 1),
                // The bundle connects twice, as administrator (roles) and as owner (migrations), and each time retries
                // the connection for up to 120 s (MIGRATE_CONNECT_TIMEOUT_SECONDS) and may wait up to 600 s for another
                // run's migration lock: 1,440 s in the worst case, plus the migrations and the container's start.
                // 30 minutes covers that (a test ties it to the bundle's budgets). One retry covers a server that was
                // still starting; the migration stage waits for both attempts (JobSpec.CompletionWaitSeconds).
                Job = new JobSpec(ReplicaTimeoutSeconds: 1800, RetryLimit: 1),
                // The EF Core migration bundle of this repository's migrations.
                Build = new ImageBuild("src/Database", Context: "../.."),
                Variables =
                [
                    // Migrates and grants as the schema owner; the administrator URL only creates the roles and sets
                    // their passwords, which is why the job also reads the other roles' passwords.
                    VariableSpec.Secret(SettingNames.DatabaseUrl, DatabaseUrlMigrateSecret),
                    VariableSpec.Secret(MigrationSettingNames.AdminUrl, DatabaseAdminUrlSecret),
                    VariableSpec.Secret(MigrationSettingNames.AppPassword, DatabasePasswordAppSecret),
                    VariableSpec.Secret(MigrationSettingNames.ProbePassword, DatabasePasswordProbeSecret),
                    VariableSpec.Secret(MigrationSettingNames.AppAlternatePassword, DatabasePasswordAppAlternateSecret),
                    VariableSpec.Secret(MigrationSettingNames.ProbeAlternatePassword, DatabasePasswordProbeAlternateSecret),
                ],
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
                // The Functions host image builds from this repository; its Dockerfile copies the projects it references.
                Build = new ImageBuild("functions/HealthProbe", Context: "../.."),
                // One replica is enough (the timer is a singleton). By default it stays up between runs; with
                // probe.minReplicas 0 the platform's scale rule for the timer trigger starts it for each run.
                Size = SizeSpec.FromFile(Probe),
                Variables =
                [
                    VariableSpec.Url(SettingNames.FrontendUrl, Frontend),
                    VariableSpec.Url(SettingNames.BackendUrl, Backend),
                    VariableSpec.Url(SettingNames.McpUrl, Mcp, McpEndpointPath),
                    VariableSpec.Setting(SettingNames.Environment, ConfigurationSettings.EnvironmentName),
                    VariableSpec.Setting(HostSettingNames.Schedule, ConfigurationSettings.ProbeSchedule),
                    VariableSpec.Literal("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated"),
                    // The Functions host keeps timer schedules and leases in storage, reached with the identity.
                    VariableSpec.Platform("AzureWebJobsStorage__accountName", PlatformSetting.FunctionsStorageAccountName),
                    VariableSpec.Literal("AzureWebJobsStorage__credential", "managedidentity"),
                    VariableSpec.Platform("AzureWebJobsStorage__clientId", PlatformSetting.IdentityClientId),
                    VariableSpec.Platform(HostSettingNames.ApplicationInsights, PlatformSetting.ApplicationInsightsConnectionString),
                    VariableSpec.Platform("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", PlatformSetting.ApplicationInsightsAuthentication),
                    // The Functions worker overwrites every item's cloud role name with this setting (or the site
                    // name), so it must be the name the alert queries filter on.
                    VariableSpec.Literal("WEBSITE_CLOUD_ROLENAME", ProbeTelemetry.CloudRoleName),
                    VariableSpec.Secret(SettingNames.JwtSecretKey, JwtSecretKeySecret),
                    VariableSpec.Secret(SettingNames.DatabaseUrl, DatabaseUrlProbeSecret),
                    // The platform checks (docs/probes.md, "Platform checks"): what they read through Azure Resource
                    // Manager, signed in as the probe's identity, which gets a read role on exactly these workloads.
                    VariableSpec.Platform(PlatformSettingNames.SubscriptionId, PlatformSetting.SubscriptionId),
                    VariableSpec.Platform(PlatformSettingNames.ResourceGroup, PlatformSetting.ResourceGroupName),
                    VariableSpec.Workloads(PlatformSettingNames.MigrationJobName, Migrate),
                    VariableSpec.Workloads(PlatformSettingNames.AppNames, Frontend, Backend, Mcp),
                    VariableSpec.Platform(PlatformSettingNames.ClientId, PlatformSetting.IdentityClientId),
                ],
            },
        ],
        SecureParameters =
        [
            new SecureParameterSpec
            {
                Name = JwtSecretKeyParameter,
                Variable = SettingNames.JwtSecretKey,
                Description = "JWT_SECRET_KEY: HS256 key shared by frontend, backend, mcp and probe; at least 32 random bytes. Stored in Key Vault only.",
                MinLength = 32,
                StoredAs = new VaultSecret(JwtSecretKeySecret, "jwtSecret", HS256Key),
            },
            new SecureParameterSpec
            {
                Name = JwtSecretKeyPreviousParameter,
                Variable = "JWT_SECRET_KEY_PREVIOUS",
                Description = "JWT_SECRET_KEY_PREVIOUS: the key being rotated out, accepted by the backend only; empty outside a rotation window. Stored in Key Vault only.",
                MinLength = 32,
                Optional = true,
                StoredAs = new VaultSecret(JwtSecretKeyPreviousSecret, "jwtPreviousSecret", HS256Key),
            },
            DatabasePassword(PostgresAdminPasswordParameter, "POSTGRES_ADMIN_PASSWORD",
                $"Password of the PostgreSQL administrator {AdministratorRole}; it reaches only the migration job, inside the {DatabaseAdminUrlSecret} Key Vault secret."),
            DatabasePassword(PostgresOwnerPasswordParameter, "POSTGRES_OWNER_PASSWORD",
                $"Password of the schema owner role {OwnerRole}; the migration job connects with it ({DatabaseUrlMigrateSecret})."),
            DatabasePassword(PostgresAppPasswordParameter, "POSTGRES_APP_PASSWORD",
                $"Password of the backend's role {AppRole} ({DatabaseUrlBackendSecret}); the migration job sets it ({DatabasePasswordAppSecret})."),
            DatabasePassword(PostgresProbePasswordParameter, "POSTGRES_PROBE_PASSWORD",
                $"Password of the probe's role {ProbeRole} ({DatabaseUrlProbeSecret}); the migration job sets it ({DatabasePasswordProbeSecret})."),
            DatabasePassword(PostgresAppAlternatePasswordParameter, "POSTGRES_APP_ALT_PASSWORD",
                $"Password of {AppRole}{AlternateLoginSuffix}, the backend role's second login; the migration job sets it ({DatabasePasswordAppAlternateSecret}), a rotation moves {DatabaseUrlBackendSecret} to it."),
            DatabasePassword(PostgresProbeAlternatePasswordParameter, "POSTGRES_PROBE_ALT_PASSWORD",
                $"Password of {ProbeRole}{AlternateLoginSuffix}, the probe role's second login; the migration job sets it ({DatabasePasswordProbeAlternateSecret}), a rotation moves {DatabaseUrlProbeSecret} to it."),
            new SecureParameterSpec
            {
                Name = OpenAiApiKeyParameter,
                Variable = "OPENAI_API_KEY",
                Description = "OPENAI_API_KEY for the backend. Stored in Key Vault only.",
                External = true,
                When = ConfigurationSettings.BackendOpenAiApiKey,
                StoredAs = new VaultSecret(OpenAiApiKeySecret, "openAiApiKeySecret"),
            },
        ],
        ComposedSecrets =
        [
            DatabaseUrl(DatabaseAdminUrlSecret, "databaseAdminUrlSecret", AdministratorRole, PostgresAdminPasswordParameter),
            DatabaseUrl(DatabaseUrlMigrateSecret, "databaseUrlMigrateSecret", OwnerRole, PostgresOwnerPasswordParameter),
            DatabaseUrl(DatabaseUrlBackendSecret, "databaseUrlBackendSecret", AppRole, PostgresAppPasswordParameter, PostgresAppAlternatePasswordParameter),
            DatabaseUrl(DatabaseUrlProbeSecret, "databaseUrlProbeSecret", ProbeRole, PostgresProbePasswordParameter, PostgresProbeAlternatePasswordParameter),
            new SecretSpec { Name = DatabasePasswordAppSecret, Symbol = "databasePasswordAppSecret", Content = new ParameterContent(PostgresAppPasswordParameter) },
            new SecretSpec { Name = DatabasePasswordProbeSecret, Symbol = "databasePasswordProbeSecret", Content = new ParameterContent(PostgresProbePasswordParameter) },
            new SecretSpec { Name = DatabasePasswordAppAlternateSecret, Symbol = "databasePasswordAppAlternateSecret", Content = new ParameterContent(PostgresAppAlternatePasswordParameter) },
            new SecretSpec { Name = DatabasePasswordProbeAlternateSecret, Symbol = "databasePasswordProbeAlternateSecret", Content = new ParameterContent(PostgresProbeAlternatePasswordParameter) },
            // The administrator password alone: the server's deployment reads it with getSecret() in the .bicepparam
            // (Azure Resource Manager resolves the reference), so no deployment carries it. No workload reads it.
            new SecretSpec { Name = DatabasePasswordAdminSecret, Symbol = "databasePasswordAdminSecret", Content = new ParameterContent(PostgresAdminPasswordParameter) },
        ],
        Checks = TodoChecks.All,
        Database = new DatabaseSpec(Name: "todo", Port: 5432, AdministratorLogin: AdministratorRole, AdministratorPasswordParameter: PostgresAdminPasswordParameter),
        ProbeRoleName = ProbeTelemetry.CloudRoleName,
    };

    /// <summary>The components of the system.</summary>
    public static IReadOnlyList<ComponentSpec> Components => Description.Components;

    private static SecureParameterSpec DatabasePassword(string name, string variable, string description) =>
        new() { Name = name, Variable = variable, Description = description, MinLength = 16, MaxLength = 128 };

    private static SecretSpec DatabaseUrl(string name, string symbol, string role, string passwordParameter, string? alternatePasswordParameter = null) =>
        new()
        {
            Name = name,
            Symbol = symbol,
            Content = new DatabaseUrlContent(role, passwordParameter) { AlternatePasswordParameter = alternatePasswordParameter },
            ContentType = "postgresql URL",
        };
}
