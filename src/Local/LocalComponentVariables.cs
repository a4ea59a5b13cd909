using Provisioning.Environments.Todo;
using Provisioning.Probes;

namespace Provisioning.Local;

/// <summary>
/// The one place that decides each component's environment variables for a local run, following the same table
/// the Azure template (src/Environments/Todo/TodoTemplate.Apps.cs and .Jobs.cs) builds from <see cref="TodoContract"/>:
/// who gets which variable, and whose URL or which secret it holds. Locally, "public URL" and "internal URL" are both
/// the component's loopback address, and secrets are this run's <see cref="LocalSecrets"/>.
/// </summary>
/// <remarks>
/// Until the system model lands (branch wave2-model: one description of every component's variables by value source:
/// literal, URL of another component, secret), this class restates that table; when it lands, this class should read
/// the model and only map value sources onto local values (URL of X → <see cref="LocalEndpoints"/>, secret →
/// <see cref="LocalSecrets"/>), so local and Azure wiring cannot drift.
/// Database roles: until the migration job creates todo_owner/todo_app/todo_probe (branch wave2-dbroles), every
/// component gets the admin URL here; then backend, migrate and probe each get their own role's URL.
/// </remarks>
public static class LocalComponentVariables
{
    /// <summary>Not yet in <see cref="TodoContract"/> on this branch (the model branch adds it): the rotation window's old key.</summary>
    public const string JwtSecretKeyPrevious = "JWT_SECRET_KEY_PREVIOUS";

    public static IReadOnlyList<string> Components { get; } =
        [TodoContract.Frontend, TodoContract.Backend, TodoContract.Mcp, TodoContract.Migrate, TodoContract.Probe];

    /// <summary>Every variable name any component may get: a child process starts with none of them inherited.</summary>
    public static IReadOnlyList<string> AllNames { get; } =
    [
        TodoContract.DomainKeyVariable, TodoContract.BackendUrlForFrontend, TodoContract.JwtSecretKey, JwtSecretKeyPrevious,
        TodoContract.DatabaseUrl, TodoContract.McpBackendUrl, TodoContract.McpServerUrl, TodoContract.FrontendUrl,
        TodoContract.OpenAiApiKey, TodoContract.ProbeBackendUrl, TodoContract.ProbeMcpUrl, SettingNames.Environment,
    ];

    public static IReadOnlyDictionary<string, string> For(string component, string environmentName, LocalEndpoints endpoints, LocalSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(secrets);
        var backendUrl = Origin(endpoints.BackendUrl);
        var frontendUrl = Origin(endpoints.FrontendUrl);
        var mcpUrl = endpoints.McpUrl.ToString();
        var databaseUrl = endpoints.DatabaseAdminUrl;

        var variables = component switch
        {
            TodoContract.Frontend => new Dictionary<string, string>
            {
                [TodoContract.DomainKeyVariable] = secrets.DomainKey,
                [TodoContract.BackendUrlForFrontend] = backendUrl,
                [TodoContract.JwtSecretKey] = secrets.JwtSecretKey,
            },
            TodoContract.Backend => new Dictionary<string, string>
            {
                [TodoContract.McpServerUrl] = mcpUrl,
                [TodoContract.FrontendUrl] = frontendUrl,
                [TodoContract.JwtSecretKey] = secrets.JwtSecretKey,
                [TodoContract.DatabaseUrl] = databaseUrl,
            },
            TodoContract.Mcp => new Dictionary<string, string>
            {
                [TodoContract.McpBackendUrl] = backendUrl,
                [TodoContract.JwtSecretKey] = secrets.JwtSecretKey,
            },
            TodoContract.Migrate => new Dictionary<string, string>
            {
                [TodoContract.DatabaseUrl] = databaseUrl,
            },
            TodoContract.Probe => new Dictionary<string, string>
            {
                [TodoContract.FrontendUrl] = frontendUrl,
                [TodoContract.ProbeBackendUrl] = backendUrl,
                [TodoContract.ProbeMcpUrl] = mcpUrl,
                [SettingNames.Environment] = environmentName,
                [TodoContract.JwtSecretKey] = secrets.JwtSecretKey,
                [TodoContract.DatabaseUrl] = databaseUrl,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(component), component, $"known components: {string.Join(", ", Components)}"),
        };
        // Backend only, and only during a rotation window (DECISIONS.md, "JWT rotation").
        if (component == TodoContract.Backend && !string.IsNullOrEmpty(secrets.JwtSecretKeyPrevious))
        {
            variables[JwtSecretKeyPrevious] = secrets.JwtSecretKeyPrevious;
        }
        return variables;
    }

    /// <summary>Scheme, host and port without a trailing slash, as the template's https://&lt;fqdn&gt; values are.</summary>
    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
