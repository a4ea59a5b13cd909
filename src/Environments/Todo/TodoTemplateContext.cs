using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.ContainerRegistries;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.KeyVaults;
using Provisioning.Bicep.Resources.Monitoring;
using Provisioning.Bicep.Resources.PostgreSql;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Todo;

/// <summary>What the parts of <see cref="TodoTemplate"/> share while they build one environment.</summary>
internal sealed class TodoTemplateContext(EnvironmentConfiguration configuration)
{
    public EnvironmentConfiguration Config { get; } = configuration;

    public BicepTemplate Template { get; } = new();

    public string Env => Config.Name;

    /// <summary>Name parts shared by every resource: workload prefix and environment.</summary>
    public string[] NameParts => [Config.NamePrefix, Config.Name];

    public Parameter Location { get; set; } = null!;
    public Parameter EnvironmentName { get; set; } = null!;
    public Parameter JwtSecretKey { get; set; } = null!;
    public Parameter PostgresAdminPassword { get; set; } = null!;
    public Parameter? OpenAiApiKey { get; set; }
    public Variable Tags { get; set; } = null!;
    public IReadOnlyDictionary<string, Parameter> Images { get; set; } = new Dictionary<string, Parameter>();

    public LogAnalyticsWorkspace LogAnalytics { get; set; } = null!;
    public ApplicationInsights AppInsights { get; set; } = null!;
    public ActionGroup ActionGroup { get; set; } = null!;
    public ContainerRegistry Registry { get; set; } = null!;
    public IReadOnlyDictionary<string, UserAssignedIdentity> Identities { get; set; } = new Dictionary<string, UserAssignedIdentity>();
    public KeyVault KeyVault { get; set; } = null!;
    public PostgreSqlFlexibleServer Postgres { get; set; } = null!;
    public IReadOnlyDictionary<string, KeyVaultSecret> Secrets { get; set; } = new Dictionary<string, KeyVaultSecret>();
    public ContainerAppsEnvironment AppsEnvironment { get; set; } = null!;
    public TodoNetwork? Network { get; set; }

    /// <summary>App names are literals so URLs can be computed from them without a dependency cycle (backend ↔ frontend).</summary>
    public IReadOnlyDictionary<string, BicepValue<string>> AppNames { get; set; } = new Dictionary<string, BicepValue<string>>();

    public ContainerApp Frontend { get; set; } = null!;
    public ContainerApp Backend { get; set; } = null!;
    public ContainerApp Mcp { get; set; } = null!;
    public ContainerAppJob MigrationJob { get; set; } = null!;
    public ContainerApp ProbeFunction { get; set; } = null!;
}
