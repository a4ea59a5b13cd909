namespace Provisioning.Local;

/// <summary>
/// Where each component of a local run listens (127.0.0.1, ports chosen at run time): the local counterparts of
/// the deployment's FRONTEND_URL, BACKEND_URL, MCP_URL outputs and the database server.
/// </summary>
public sealed record LocalEndpoints(int FrontendPort, int BackendPort, int McpPort, string DatabaseAdminUrl)
{
    public Uri FrontendUrl => new($"http://127.0.0.1:{FrontendPort}/");
    public Uri BackendUrl => new($"http://127.0.0.1:{BackendPort}/");
    public Uri McpBaseUrl => new($"http://127.0.0.1:{McpPort}/");
    public Uri McpUrl => new(McpBaseUrl, Environments.Todo.TodoContract.McpEndpointPath.TrimStart('/'));
}
