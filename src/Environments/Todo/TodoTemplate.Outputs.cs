using Provisioning.Bicep.Model;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>What azd (which turns outputs into environment values) and people need; never a secret.</summary>
    private static void AddOutputs(Foundation f, AppsEnvironmentParts apps, Workloads workloads, AccessParts access, DataParts data)
    {
        var t = f.Template;
        t.Add(new Output(SettingNames.FrontendUrl, "string", apps.PublicUrl(TodoSystem.Frontend)) { Description = "Public URL of the frontend." });
        t.Add(new Output(SettingNames.BackendUrl, "string", apps.PublicUrl(TodoSystem.Backend)) { Description = "Public URL of the backend API." });
        t.Add(new Output(SettingNames.McpUrl, "string", apps.InternalUrl(TodoSystem.Mcp, TodoSystem.McpEndpointPath))
        {
            Description = "The MCP endpoint; internal ingress, reachable only from inside the Container Apps environment.",
        });
        AddMigrationJobOutput(f, workloads);
        t.Add(new Output("PROBE_FUNCTION_NAME", "string", workloads.ByComponent[TodoSystem.Probe].NameReference));
        AddAccessOutputs(f, access);
        t.Add(new Output("AZURE_CONTAINER_APPS_ENVIRONMENT_NAME", "string", apps.Environment.NameReference));
        t.Add(new Output("POSTGRES_SERVER_NAME", "string", data.Postgres.NameReference));
        t.Add(new Output(OutputNames.ApplicationInsightsName, "string", access.Monitoring.AppInsights.NameReference));
    }

    /// <summary>The same output in data.bicep and main.bicep: azd keeps one value per name.</summary>
    private static void AddMigrationJobOutput(Foundation f, Workloads workloads) =>
        f.Template.Add(new Output(OutputNames.MigrationJobName, "string", workloads.ByComponent[TodoSystem.Migrate].NameReference)
        {
            Description = "The deploy command's migration stage starts it and waits for it.",
        });

    /// <summary>What the migration stage needs from data.bicep (the job's name), and what main.bicep gives as well.</summary>
    private static void AddDataOutputs(Foundation f, AppsEnvironmentParts apps, Workloads workloads, AccessParts access, DataParts data)
    {
        var t = f.Template;
        AddMigrationJobOutput(f, workloads);
        AddAccessOutputs(f, access);
        t.Add(new Output("AZURE_CONTAINER_APPS_ENVIRONMENT_NAME", "string", apps.Environment.NameReference));
        t.Add(new Output("POSTGRES_SERVER_NAME", "string", data.Postgres.NameReference));
    }

    /// <summary>
    /// The outputs both templates give: where azd pushes images, the vault holding the secrets and the database host
    /// the database URL secrets name (`secrets init` reads these two from the deployment).
    /// </summary>
    private static void AddAccessOutputs(Foundation f, AccessParts access)
    {
        f.Template.Add(new Output("AZURE_CONTAINER_REGISTRY_ENDPOINT", "string", access.Registry.LoginServer) { Description = "azd pushes images here." });
        f.Template.Add(new Output("AZURE_CONTAINER_REGISTRY_NAME", "string", access.Registry.NameReference));
        f.Template.Add(new Output(OutputNames.KeyVaultName, "string", access.KeyVault.NameReference));
        f.Template.Add(new Output(OutputNames.DatabaseHost, "string", DatabaseHost(f))
        {
            Description = "The PostgreSQL server's host name, from its name: known before the server exists.",
        });
    }
}
