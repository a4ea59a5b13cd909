using Provisioning.Bicep.Composition;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.Authorization;
using Provisioning.Bicep.Resources.ContainerRegistries;
using Provisioning.Bicep.Resources.Network;
using Provisioning.Bicep.Resources.PostgreSql;
using Provisioning.Bicep.Resources.Storage;
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
        ["data.bicep"] = Print(DataTemplate()),
        ["monitoring.bicep"] = Print(MonitoringTemplate()),
        ["storage.bicep"] = Print(StorageTemplate()),
        ["network.bicep"] = Print(NetworkTemplate()),
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
        var databaseUrlValue = template.Add(new Parameter("databaseUrl", "string") { IsSecure = true, Description = "PostgreSQL URL." }).Reference;

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
        var databaseUrl = template.Add(new KeyVaultSecret("databaseUrlSecret") { Parent = vault, Name = "database-url", Value = databaseUrlValue });
        var (migrateWithSecret, migrateRole) = migrate.WithKeyVaultSecretAsEnv("DATABASE_URL", databaseUrl, migrateIdentity);
        template.AddOnce(migrateRole);
        template.Add(migrateWithSecret);

        // Reading outputs of typed resources gives reference expressions that compile.
        template.Add(new Output("backendUrl", "string", B.Interpolate("https://", backend.IngressFqdn)));
        template.Add(new Output("environmentDomain", "string", environment.DefaultDomain));
        template.Add(new Output("vaultUri", "string", vault.VaultUri));
        template.Add(new Output("backendClientId", "string", identity.ClientId));
        template.Add(new Output("jwtSecretUri", "string", secret.SecretUriWithVersion));
        return template;
    }

    /// <summary>PostgreSQL flexible server (prod-like: GeneralPurpose, zone-redundant HA, 35-day geo-redundant backups), database, TLS parameters, firewall rule, delete lock.</summary>
    public static BicepTemplate DataTemplate()
    {
        var template = new BicepTemplate();
        var location = template.Add(LocationParameter()).Reference;
        var adminLogin = template.Add(new Parameter("postgresAdminLogin", "string") { Description = "Administrator login." }).Reference;
        var adminPassword = template.Add(new Parameter("postgresAdminPassword", "string") { IsSecure = true, Description = "Administrator password." }).Reference;

        var server = template.Add(new PostgreSqlFlexibleServer("postgres")
        {
            Name = "psql-todo-prod-x7q2",
            Location = location,
            Tags = Tags("database"),
            SkuName = "Standard_D2ds_v5",
            SkuTier = "GeneralPurpose",
            StorageSizeGb = 64,
            BackupRetentionDays = 35,
            GeoRedundantBackup = "Enabled",
            HighAvailabilityMode = "ZoneRedundant",
            AvailabilityZone = "1",
            StandbyAvailabilityZone = "2",
            PublicNetworkAccess = "Enabled",
            AdministratorLogin = adminLogin,
            AdministratorLoginPassword = adminPassword,
        });
        template.Add(new PostgreSqlDatabase("todoDatabase") { Parent = server, Name = "todo" });
        template.Add(PostgreSqlConfiguration.RequireSecureTransport("requireTls", server));
        template.Add(PostgreSqlConfiguration.MinimumTls12("minimumTls", server) with { DependsOn = [template.Resources[^1]] });
        template.Add(new PostgreSqlFirewallRule("officeRange") { Parent = server, Name = "office", StartIpAddress = "203.0.113.0", EndIpAddress = "203.0.113.255" });
        template.Add(new ManagementLock("postgresLock") { Scope = server, Name = "do-not-delete", Notes = "Production database: remove the lock deliberately before deleting." });
        template.Add(new Output("postgresHost", "string", server.FullyQualifiedDomainName));
        return template;
    }

    /// <summary>Log Analytics, workspace-based Application Insights, action group, log and metric alerts, diagnostic settings.</summary>
    public static BicepTemplate MonitoringTemplate()
    {
        var template = new BicepTemplate();
        var location = template.Add(LocationParameter()).Reference;
        var logs = template.Add(new LogAnalyticsWorkspace("logs") { Name = "log-todo-prod", Location = location, Tags = Tags("logs"), RetentionInDays = 90 });
        var insights = template.Add(new ApplicationInsights("insights")
        {
            Name = "appi-todo-prod",
            Location = location,
            Tags = Tags("insights"),
            WorkspaceResourceId = logs.Id,
        });
        var actions = template.Add(new ActionGroup("alerts")
        {
            Name = "ag-todo-prod",
            Location = "global",
            Tags = Tags("alerts"),
            GroupShortName = "todoprod",
            EmailReceivers = [new EmailReceiver("oncall", "oncall@example.com")],
        });
        template.Add(new ScheduledQueryRule("probeSilent")
        {
            Name = "probe went silent",
            Location = location,
            Tags = Tags("alerts"),
            DisplayName = "Health probe went silent",
            Description = "No probe result was logged for 15 minutes.",
            Severity = 1,
            Scopes = [logs.Id],
            EvaluationFrequency = "PT5M",
            WindowSize = "PT15M",
            Query = "AppTraces | where Message startswith 'probe result'",
            Operator = "LessThan",
            Threshold = 1,
            NumberOfEvaluationPeriods = 2,
            MinFailingPeriodsToAlert = 2,
            ActionGroupIds = [actions.Id],
        });
        template.Add(new MetricAlert("failedRequests")
        {
            Name = "failed requests",
            Location = "global",
            Tags = Tags("alerts"),
            Description = "More than 5 failed requests in 5 minutes.",
            Scopes = [insights.Id],
            Criteria = [new MetricCriterion("failed", "requests/failed", "microsoft.insights/components", "GreaterThan", 5, "Count")],
            ActionGroupIds = [actions.Id],
        });
        template.Add(new Workbook("sloWorkbook")
        {
            Name = B.Guid(B.ResourceGroup().Member("id"), (BicepExpression)"slo-workbook"),
            Location = location,
            Tags = Tags("workbook"),
            DisplayName = "prod: success criteria",
            SourceId = insights.Id,
            Content = new WorkbookContent(
            [
                new WorkbookText("intro", "## Success criteria\n\nFrom the probe's results."),
                new WorkbookQuery("failures", "Last failures", "availabilityResults\n| where success == false and name != 'x'\n| take 10", TimeSpan.FromDays(7)),
            ]),
        });
        template.Add(new DiagnosticSettings("insightsDiagnostics") { Scope = insights, Name = "to-log-analytics", WorkspaceId = logs.Id });
        template.Add(new Output("appInsightsConnectionString", "string", insights.ConnectionString));
        return template;
    }

    /// <summary>Storage for the Functions host (no shared keys) with its role set, and a registry pulled through AcrPull.</summary>
    public static BicepTemplate StorageTemplate()
    {
        var template = new BicepTemplate();
        var location = template.Add(LocationParameter()).Reference;
        var storage = template.Add(new StorageAccount("probeStorage") { Name = "sttodoprobedev", Location = location, Tags = Tags("probe") });
        var registry = template.Add(new ContainerRegistry("registry") { Name = "crtododev", Location = location, Tags = Tags("registry") });
        var identity = template.Add(new UserAssignedIdentity("probeIdentity") { Name = "id-todo-probe-dev", Location = location, Tags = Tags("probe") });
        foreach (var grant in StorageGrants.ForFunctionsHost(storage, identity))
        {
            template.Add(grant);
        }
        var environment = template.Add(new ContainerAppsEnvironment("environment") { Name = "cae-todo-dev", Location = location, Tags = Tags("environment") });
        var job = new ContainerAppJob("migrate")
        {
            Name = "caj-todo-migrate-dev",
            Location = location,
            Tags = Tags("migrate"),
            EnvironmentId = environment.Id,
            Containers = [new Container("migrate", Interpolate(registry.LoginServer, "/todo/migrate:1.0.0"))],
        };
        template.Add(job.WithRegistry(registry, identity));
        template.Add(new Output("blobEndpoint", "string", storage.PrimaryBlobEndpoint));
        return template;
    }

    /// <summary>prod networking: VNet with delegated subnets, VNet-integrated environment and PostgreSQL, Key Vault behind a private endpoint, DNS zones.</summary>
    public static BicepTemplate NetworkTemplate()
    {
        var template = new BicepTemplate();
        var location = template.Add(LocationParameter()).Reference;
        var adminPassword = template.Add(new Parameter("postgresAdminPassword", "string") { IsSecure = true, Description = "Administrator password." }).Reference;
        var vnet = template.Add(new VirtualNetwork("vnet")
        {
            Name = "vnet-todo-prod",
            Location = location,
            Tags = Tags("network"),
            AddressPrefixes = ["10.40.0.0/16"],
            Subnets =
            [
                SubnetSpec.DelegatedTo("snet-apps", "10.40.0.0/23", SubnetSpec.ContainerAppsDelegation),
                SubnetSpec.DelegatedTo("snet-postgres", "10.40.2.0/24", SubnetSpec.PostgreSqlDelegation),
                new SubnetSpec("snet-endpoints", "10.40.3.0/24") { PrivateEndpointNetworkPolicies = "Enabled" },
            ],
        });
        var logs = template.Add(new LogAnalyticsWorkspace("logs") { Name = "log-todo-prod", Location = location, Tags = Tags("logs") });
        template.Add(new ContainerAppsEnvironment("environment")
        {
            Name = "cae-todo-prod",
            Location = location,
            Tags = Tags("environment"),
            LogAnalytics = logs,
            ZoneRedundant = true,
            InfrastructureSubnetId = vnet.SubnetId("snet-apps"),
            Internal = false,
        });

        var postgresZone = template.Add(new PrivateDnsZone("postgresDns", "privatelink.postgres.database.azure.com") { Tags = Tags("network") });
        var postgresLink = template.Add(new VirtualNetworkLink("postgresDnsLink") { Parent = postgresZone, Name = "vnet-todo-prod", Location = "global", VirtualNetworkId = vnet.Id });
        template.Add(new PostgreSqlFlexibleServer("postgres")
        {
            Name = "psql-todo-prod-x7q2",
            Location = location,
            Tags = Tags("database"),
            SkuName = "Standard_D2ds_v5",
            SkuTier = "GeneralPurpose",
            DelegatedSubnetId = vnet.SubnetId("snet-postgres"),
            PrivateDnsZoneId = postgresZone.Id,
            PublicNetworkAccess = "Disabled",
            PasswordAuth = "Enabled",
            ActiveDirectoryAuth = "Disabled",
            AdministratorLogin = "todoadmin",
            AdministratorLoginPassword = adminPassword,
            // The zone must be linked to the VNet before the server resolves its own name.
            DependsOn = [postgresLink],
        });

        var vault = template.Add(new KeyVault("vault")
        {
            Name = "kv-todo-prod-x7q2",
            Location = location,
            Tags = Tags("vault"),
            EnablePurgeProtection = true,
            PublicNetworkAccess = "Disabled",
            NetworkAcls = new KeyVaultNetworkAcls(),
        });
        template.Add(new ManagementLock("vaultLock") { Scope = vault, Name = "do-not-delete" });
        var vaultZone = template.Add(new PrivateDnsZone("vaultDns", "privatelink.vaultcore.azure.net") { Tags = Tags("network") });
        template.Add(new VirtualNetworkLink("vaultDnsLink") { Parent = vaultZone, Name = "vnet-todo-prod", Location = "global", VirtualNetworkId = vnet.Id });
        var endpoint = template.Add(new PrivateEndpoint("vaultEndpoint")
        {
            Name = "pe-kv-todo-prod",
            Location = location,
            Tags = Tags("network"),
            SubnetId = vnet.SubnetId("snet-endpoints"),
            PrivateLinkServiceId = vault.Id,
            GroupId = "vault",
        });
        template.Add(new PrivateDnsZoneGroup("vaultEndpointDns") { Parent = endpoint, Name = "default", Zone = vaultZone });
        return template;
    }

    private static InterpolatedString Interpolate(params InterpolationSegment[] segments) => B.Interpolate(segments);
}
