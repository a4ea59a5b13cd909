using Provisioning.Environments.Model;

namespace Provisioning.Local;

/// <summary>
/// Where each component of a local run listens (127.0.0.1, ports chosen at run time, one per component the local
/// stack runs, <see cref="LocalComponents.Runnable"/>): the local counterparts of the deployment's URL outputs and the
/// database server.
/// </summary>
/// <param name="Ports">The port of each component that runs locally, keyed by component name.</param>
/// <param name="DatabaseAdminUrl">The server's superuser in database <c>todo</c> (the local counterpart of the administrator).</param>
/// <param name="DatabaseHost">Host and port of the server, for the role URLs.</param>
public sealed record LocalEndpoints(IReadOnlyDictionary<string, int> Ports, string DatabaseAdminUrl, string DatabaseHost)
{
    public int BackendPort => PortOf(TodoSystem.Backend);

    public Uri FrontendUrl => new(UrlOf(TodoSystem.Frontend) + "/");
    public Uri BackendUrl => new(UrlOf(TodoSystem.Backend) + "/");
    public Uri McpUrl => new(UrlOf(TodoSystem.Mcp, TodoSystem.McpEndpointPath));

    public int PortOf(string component) => Ports.TryGetValue(component, out var port) ? port
        : throw new ArgumentOutOfRangeException(nameof(component), component, $"only these components run locally: {string.Join(", ", Ports.Keys)}");

    /// <summary>
    /// A component's base URL plus <paramref name="path"/>, without a trailing slash, as the template's
    /// <c>https://&lt;fqdn&gt;</c> values are. Public and internal ingress are both loopback here.
    /// </summary>
    public string UrlOf(string component, string path = "") => $"http://127.0.0.1:{PortOf(component)}{path}";

    /// <summary>A role's URL in the contract's form; no TLS on a loopback server.</summary>
    public string DatabaseUrl(string login, string password) =>
        $"postgresql://{Uri.EscapeDataString(login)}:{Uri.EscapeDataString(password)}@{DatabaseHost}/{TodoSystem.Description.Database.Name}?sslmode=disable";
}
