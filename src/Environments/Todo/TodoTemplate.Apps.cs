using Provisioning.Bicep.Composition;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Syntax;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    private static void AddContainerAppsEnvironment(TodoTemplateContext c)
    {
        c.AppsEnvironment = c.Template.Add(new ContainerAppsEnvironment("appsEnvironment")
        {
            Location = c.Location.Reference,
            Tags = Tags(c),
            LogAnalytics = c.LogAnalytics,
            ZoneRedundant = c.Config.Network.ZoneRedundant,
            InfrastructureSubnetId = c.Network?.AppsSubnetId ?? BicepValue<string>.Unset,
        }.WithGeneratedName(c.NameParts));

        c.AppNames = new[] { TodoContract.Frontend, TodoContract.Backend, TodoContract.Mcp, TodoContract.Probe }
            .ToDictionary(component => component, component => ResourceNames.For(new ContainerApp("x"), [.. c.NameParts, component]));
    }

    /// <summary><c>https://&lt;app&gt;.&lt;environment domain&gt;</c>: computed from names, so apps can point at each other without a cycle.</summary>
    private static BicepExpression PublicUrl(TodoTemplateContext c, string component) =>
        Expr.Interpolate("https://", c.AppNames[component].ToExpression(), ".", c.AppsEnvironment.DefaultDomain);

    /// <summary>Internal ingress FQDNs carry <c>.internal.</c>; they resolve only inside the environment.</summary>
    private static BicepExpression InternalUrl(TodoTemplateContext c, string component, string path = "") =>
        Expr.Interpolate("https://", c.AppNames[component].ToExpression(), ".internal.", c.AppsEnvironment.DefaultDomain, path);

    private static void AddApps(TodoTemplateContext c)
    {
        var backendUrl = PublicUrl(c, TodoContract.Backend);
        var frontendUrl = PublicUrl(c, TodoContract.Frontend);

        c.Frontend = AddApp(c, TodoContract.Frontend, c.Config.Frontend, TodoContract.FrontendPort, external: true,
            HttpProbes(TodoContract.FrontendHealthPath, TodoContract.FrontendPort),
            plain:
            [
                (TodoContract.DomainKeyVariable, c.Config.Frontend.OpenAiDomainKey),
                (TodoContract.BackendUrlForFrontend, backendUrl),
            ],
            secrets: [TodoContract.JwtSecretKey]);

        var backendSecrets = new List<string> { TodoContract.JwtSecretKey, TodoContract.DatabaseUrl };
        if (c.Secrets.ContainsKey(TodoContract.OpenAiApiKey))
        {
            backendSecrets.Add(TodoContract.OpenAiApiKey);
        }
        c.Backend = AddApp(c, TodoContract.Backend, c.Config.Backend, TodoContract.BackendPort, external: true,
            BackendProbes(),
            plain:
            [
                (TodoContract.McpServerUrl, InternalUrl(c, TodoContract.Mcp, TodoContract.McpEndpointPath)),
                (TodoContract.FrontendUrl, frontendUrl),
            ],
            secrets: backendSecrets);

        c.Mcp = AddApp(c, TodoContract.Mcp, c.Config.Mcp, TodoContract.McpPort, external: false,
            HttpProbes(TodoContract.McpHealthPath, TodoContract.McpPort),
            plain: [(TodoContract.McpBackendUrl, backendUrl)],
            secrets: [TodoContract.JwtSecretKey]);
    }

    private static ContainerApp AddApp(
        TodoTemplateContext c,
        string component,
        AppSettings settings,
        int port,
        bool external,
        IEnumerable<ContainerProbe> probes,
        IEnumerable<(string Name, BicepValue<string> Value)> plain,
        IEnumerable<string> secrets)
    {
        var identity = c.Identities[component];
        var container = new Container(component, Image(c, component))
        {
            Resources = new ContainerResources(settings.Cpu, settings.Memory),
            Probes = [.. probes],
            Env = [.. plain.Select(p => EnvironmentVariable.Plain(p.Name, p.Value))],
        };
        var app = new ContainerApp(component + "App")
        {
            Name = c.AppNames[component],
            Location = c.Location.Reference,
            Tags = Tags(c, component),
            EnvironmentId = c.AppsEnvironment.Id,
            Ingress = new Ingress(external, port) { Transport = "http" },
            Containers = [container],
            Scale = new Scale(settings.MinReplicas, settings.MaxReplicas)
            {
                // Prod scales out on load before replicas saturate; the others scale on the platform default.
                Rules = c.IsProduction() ? [new HttpScaleRule("http-load", 50)] : [],
            },
        };
        return AddWorkload(c, app, identity, secrets);
    }

    /// <summary>Wires registry pull and each Key Vault secret through the component's identity, then adds the workload.</summary>
    private static T AddWorkload<T>(TodoTemplateContext c, T workload, UserAssignedIdentity identity, IEnumerable<string> secrets)
        where T : Resource, IContainerWorkload<T>
    {
        var pull = workload.WithRegistry(c.Registry, identity);
        c.Template.AddOnce(pull.RoleAssignment);
        var current = pull.Workload;
        foreach (var variable in secrets)
        {
            var grant = current.WithKeyVaultSecretAsEnv(variable, c.Secrets[variable], identity);
            c.Template.AddOnce(grant.RoleAssignment);
            current = grant.Workload;
        }
        return c.Template.Add(current);
    }

    private static BicepExpression Image(TodoTemplateContext c, string component) =>
        Expr.Interpolate(c.Registry.LoginServer, "/", c.Images[component].Reference);

    private static IEnumerable<ContainerProbe> HttpProbes(string path, int port) =>
    [
        // Startup allows up to 5 minutes (30 × 10 s) for a cold start before liveness may restart the container.
        ContainerProbe.Http(ProbeType.Startup, path, port) with { PeriodSeconds = 10, FailureThreshold = 30 },
        ContainerProbe.Http(ProbeType.Liveness, path, port) with { PeriodSeconds = 30, FailureThreshold = 3 },
        ContainerProbe.Http(ProbeType.Readiness, path, port) with { PeriodSeconds = 10, FailureThreshold = 3 },
    ];

    /// <summary>
    /// The backend's /health answers 503 while the database is unreachable. Readiness uses it (no traffic to a
    /// backend that cannot serve), but liveness only checks the process listens: restarting every replica during a
    /// database outage would turn one failure into two.
    /// </summary>
    private static IEnumerable<ContainerProbe> BackendProbes() =>
    [
        ContainerProbe.Http(ProbeType.Startup, TodoContract.BackendHealthPath, TodoContract.BackendPort) with { PeriodSeconds = 10, FailureThreshold = 30 },
        ContainerProbe.Tcp(ProbeType.Liveness, TodoContract.BackendPort) with { PeriodSeconds = 30, FailureThreshold = 3 },
        ContainerProbe.Http(ProbeType.Readiness, TodoContract.BackendHealthPath, TodoContract.BackendPort) with { PeriodSeconds = 10, FailureThreshold = 3 },
    ];
}
