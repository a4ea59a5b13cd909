using Provisioning.Environments.Model;

namespace Provisioning.Local;

/// <summary>
/// Where each component of a local run listens (127.0.0.1, ports chosen at run time): the local counterparts of
/// the deployment's FRONTEND_URL, BACKEND_URL, MCP_URL outputs and the database server.
/// </summary>
/// <param name="DatabaseAdminUrl">The server's superuser in database <c>todo</c> (the local counterpart of the administrator).</param>
/// <param name="DatabaseHost">Host and port of the server, for the role URLs.</param>
public sealed record LocalEndpoints(int FrontendPort, int BackendPort, int McpPort, string DatabaseAdminUrl, string DatabaseHost)
{
    public Uri FrontendUrl => new($"http://127.0.0.1:{FrontendPort}/");
    public Uri BackendUrl => new($"http://127.0.0.1:{BackendPort}/");
    public Uri McpBaseUrl => new($"http://127.0.0.1:{McpPort}/");
    public Uri McpUrl => new(UrlOf(TodoSystem.Mcp, TodoSystem.McpEndpointPath));

    /// <summary>
    /// A component's base URL plus <paramref name="path"/>, without a trailing slash, as the template's
    /// <c>https://&lt;fqdn&gt;</c> values are. Public and internal ingress are both loopback here.
    /// </summary>
    public string UrlOf(string component, string path = "")
    {
        var port = component switch
        {
            TodoSystem.Frontend => FrontendPort,
            TodoSystem.Backend => BackendPort,
            TodoSystem.Mcp => McpPort,
            _ => throw new ArgumentOutOfRangeException(nameof(component), component, "only the HTTP components run locally"),
        };
        return $"http://127.0.0.1:{port}{path}";
    }

    /// <summary>A role's URL in the contract's form; no TLS on a loopback server.</summary>
    public string DatabaseUrl(string login, string password) =>
        $"postgresql://{Uri.EscapeDataString(login)}:{Uri.EscapeDataString(password)}@{DatabaseHost}/{TodoSystem.Description.Database.Name}?sslmode=disable";
}
