using Provisioning.Bicep.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>What azd (which turns outputs into environment values) and people need; never a secret.</summary>
    private static void AddOutputs(TodoTemplateContext c)
    {
        var t = c.Template;
        t.Add(new Output("FRONTEND_URL", "string", PublicUrl(c, TodoContract.Frontend)) { Description = "Public URL of the frontend." });
        t.Add(new Output("BACKEND_URL", "string", PublicUrl(c, TodoContract.Backend)) { Description = "Public URL of the backend API." });
        t.Add(new Output("MCP_URL", "string", InternalUrl(c, TodoContract.Mcp, TodoContract.McpEndpointPath))
        {
            Description = "The MCP endpoint; internal ingress, reachable only from inside the Container Apps environment.",
        });
        t.Add(new Output("MIGRATION_JOB_NAME", "string", c.MigrationJob.NameReference) { Description = "Start it after each deploy: az containerapp job start." });
        t.Add(new Output("PROBE_FUNCTION_NAME", "string", c.ProbeFunction.NameReference));
        AddRegistryOutputs(c);
        t.Add(new Output("AZURE_CONTAINER_APPS_ENVIRONMENT_NAME", "string", c.AppsEnvironment.NameReference));
        t.Add(new Output("AZURE_KEY_VAULT_NAME", "string", c.KeyVault.NameReference));
        t.Add(new Output("POSTGRES_SERVER_NAME", "string", c.Postgres.NameReference));
        t.Add(new Output("APPLICATIONINSIGHTS_NAME", "string", c.AppInsights.NameReference));
    }

    private static void AddRegistryOutputs(TodoTemplateContext c)
    {
        c.Template.Add(new Output("AZURE_CONTAINER_REGISTRY_ENDPOINT", "string", c.Registry.LoginServer) { Description = "azd pushes images here." });
        c.Template.Add(new Output("AZURE_CONTAINER_REGISTRY_NAME", "string", c.Registry.NameReference));
    }
}
