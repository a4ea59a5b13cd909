using Provisioning.Bicep.Composition;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.KeyVaults;
using Provisioning.Bicep.Resources.Monitoring;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Writing;
using B = Provisioning.Bicep.Syntax.Bicep;

namespace Provisioning.Bicep.Tests.Resources;

/// <summary>
/// Every typed resource instantiated with realistic values, one template per area. Each template is self-contained
/// and lint-clean on its own (no unused parameters, locations from a parameter).
/// </summary>
internal static class ResourceSamples
{
    public static IReadOnlyDictionary<string, string> All() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["apps.bicep"] = Print(AppsTemplate()),
    };

    public static string Print(BicepTemplate template) => BicepWriter.Write(template.Build());

    public static Parameter LocationParameter() => new("location", "string")
    {
        DefaultValue = B.ResourceGroup().Member("location"),
        Description = "Region of every resource.",
    };

    public static ObjectExpression Tags(string service) => B.Object(B.Prop("azd-env-name", "dev"), B.Prop("azd-service-name", service));

    /// <summary>Identity, Key Vault + secret, role assignments through the helper, Log Analytics, environment, apps and a job.</summary>
    public static BicepTemplate AppsTemplate()
    {
        var template = new BicepTemplate();
        var location = template.Add(LocationParameter()).Reference;
        var jwtKey = template.Add(new Parameter("jwtSecretKey", "string") { IsSecure = true, Description = "HS256 key." }).Reference;

        var logs = template.Add(new LogAnalyticsWorkspace("logs") { Name = "log-todo-dev", Location = location, Tags = Tags("logs") });
        var identity = template.Add(new UserAssignedIdentity("backendIdentity") { Name = "id-todo-backend-dev", Location = location, Tags = Tags("backend") });
        var vault = template.Add(new KeyVault("vault") { Name = "kv-todo-dev-x7q2", Location = location, Tags = Tags("vault") });
        var secret = template.Add(new KeyVaultSecret("jwtSecret") { Parent = vault, Name = "jwt-secret-key", Value = jwtKey, ContentType = "text/plain" });

        var environment = template.Add(new ContainerAppsEnvironment("environment")
        {
            Name = "cae-todo-dev",
            Location = location,
            Tags = Tags("environment"),
            LogAnalytics = logs,
            ZoneRedundant = false,
        });

        var backend = new ContainerApp("backend")
        {
            Name = "ca-todo-backend-dev",
            Location = location,
            Tags = Tags("backend"),
            EnvironmentId = environment.Id,
            Ingress = new Ingress(External: true, TargetPort: 8000),
            Containers =
            [
                new Container("backend", "mcr.microsoft.com/k8se/quickstart:latest")
                {
                    Resources = new ContainerResources(0.5m, "1Gi"),
                    Env = [EnvironmentVariable.Plain("FRONTEND_URL", "https://todo.example.com")],
                    Probes =
                    [
                        ContainerProbe.Http(ProbeType.Startup, "/health", 8000) with { PeriodSeconds = 5, FailureThreshold = 30 },
                        ContainerProbe.Http(ProbeType.Liveness, "/health", 8000) with { Scheme = "HTTP" },
                        ContainerProbe.Http(ProbeType.Readiness, "/health", 8000) with { InitialDelaySeconds = 3, TimeoutSeconds = 5 },
                    ],
                },
            ],
            Scale = new Scale(2, 10) { Rules = [new HttpScaleRule("http", 50)] },
        };
        var (backendWithSecret, backendRole) = backend.WithKeyVaultSecretAsEnv("JWT_SECRET_KEY", secret, identity);
        template.AddOnce(backendRole);
        template.Add(backendWithSecret);

        var mcpIdentity = template.Add(new UserAssignedIdentity("mcpIdentity") { Name = "id-todo-mcp-dev", Location = location, Tags = Tags("mcp") });
        template.Add(new ContainerApp("mcp")
        {
            Name = "ca-todo-mcp-dev",
            Location = location,
            Tags = Tags("mcp"),
            EnvironmentId = environment.Id,
            Identities = ManagedIdentities.Of(mcpIdentity),
            Ingress = new Ingress(External: false, TargetPort: 8001) { Transport = "http" },
            Containers = [new Container("mcp", "mcr.microsoft.com/k8se/quickstart:latest") { Resources = ContainerResources.Small }],
            Scale = new Scale(0, 3),
        });

        var probeIdentity = template.Add(new UserAssignedIdentity("probeIdentity") { Name = "id-todo-probe-dev", Location = location, Tags = Tags("probe") });
        var probe = new ContainerApp("probe")
        {
            Name = "func-todo-probe-dev",
            Location = location,
            Tags = Tags("probe"),
            Kind = ContainerApp.FunctionAppKind,
            EnvironmentId = environment.Id,
            Containers =
            [
                new Container("probe", "mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated8.0")
                {
                    Env =
                    [
                        EnvironmentVariable.Plain("AzureWebJobsStorage__accountName", "sttododev"),
                        EnvironmentVariable.Plain("AzureWebJobsStorage__credential", "managedidentity"),
                        EnvironmentVariable.Plain("AzureWebJobsStorage__clientId", probeIdentity.ClientId),
                    ],
                },
            ],
            Scale = new Scale(1, 1),
        };
        var (probeWithSecret, probeRole) = probe.WithKeyVaultSecretAsEnv("JWT_SECRET_KEY", secret, probeIdentity);
        template.AddOnce(probeRole);
        template.Add(probeWithSecret);

        var migrateIdentity = template.Add(new UserAssignedIdentity("migrateIdentity") { Name = "id-todo-migrate-dev", Location = location, Tags = Tags("migrate") });
        var migrate = new ContainerAppJob("migrate")
        {
            Name = "caj-todo-migrate-dev",
            Location = location,
            Tags = Tags("migrate"),
            EnvironmentId = environment.Id,
            ReplicaTimeout = 600,
            ReplicaRetryLimit = 2,
            Containers = [new Container("migrate", "mcr.microsoft.com/k8se/quickstart:latest") { Resources = ContainerResources.Small }],
        };
        var (migrateWithSecret, migrateRole) = migrate.WithKeyVaultSecretAsEnv("DATABASE_URL", secret, migrateIdentity);
        template.AddOnce(migrateRole);
        template.Add(migrateWithSecret);
        return template;
    }
}
