using Provisioning.Bicep.Composition;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Syntax;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    private static AppsEnvironmentParts AddContainerAppsEnvironment(Foundation f, MonitoringParts monitoring, TodoNetwork? network)
    {
        var environment = f.Template.Add(new ContainerAppsEnvironment("appsEnvironment")
        {
            Location = f.Location.Reference,
            Tags = f.TagsFor(),
            LogAnalytics = monitoring.LogAnalytics,
            ZoneRedundant = f.Config.Network.ZoneRedundant,
            InfrastructureSubnetId = network?.AppsSubnetId ?? BicepValue<string>.Unset,
        }.WithGeneratedName(f.NameParts));
        // App names are literals so URLs can be computed from them without a dependency cycle (backend ↔ frontend).
        var names = f.System.Components.Where(c => c.Kind != WorkloadKind.Job)
            .ToDictionary(c => c.Name, c => ResourceNames.For(new ContainerApp("x"), [.. f.NameParts, c.Name]));
        return new AppsEnvironmentParts(environment, names);
    }

    /// <summary>Each component's workload, in the order of the system description.</summary>
    private static Workloads AddWorkloads(Foundation f, WorkloadInputs inputs) =>
        new(f.System.Components.ToDictionary(c => c.Name, c => c.Kind switch
        {
            WorkloadKind.App => (Resource)AddApp(f, inputs, c),
            WorkloadKind.Job => AddJob(f, inputs, c),
            WorkloadKind.FunctionApp => AddFunctionApp(f, inputs, c),
            _ => throw new NotSupportedException($"{c.Name}: workload kind {c.Kind}"),
        }));

    private static ContainerApp AddApp(Foundation f, WorkloadInputs inputs, ComponentSpec component)
    {
        var size = component.Size.Read(f.Config);
        var app = new ContainerApp(component.WorkloadSymbol)
        {
            Name = inputs.Apps.AppNames[component.Name],
            Location = f.Location.Reference,
            Tags = f.TagsFor(component.Name),
            EnvironmentId = inputs.Apps.Environment.Id,
            Ingress = new Ingress(component.Ingress == IngressKind.External, component.Port!.Value) { Transport = "http" },
            Containers = [Container(f, inputs, component)],
            Scale = new Scale(size.MinReplicas, size.MaxReplicas)
            {
                // Production scales out on load before replicas saturate; the others scale on the platform default.
                Rules = f.IsProduction ? [new HttpScaleRule("http-load", 50)] : [],
            },
        };
        return AddWorkload(f, inputs, component, app);
    }

    /// <summary>The component's container: its image, size, health probes and plain variables (secrets are wired by <see cref="AddWorkload"/>).</summary>
    private static Container Container(Foundation f, WorkloadInputs inputs, ComponentSpec component, PlatformResources? platform = null)
    {
        var size = component.Size.Read(f.Config);
        return new Container(component.Name, Expr.Interpolate(inputs.Registry.LoginServer, "/", inputs.Parameters.Images[component.Name].Reference))
        {
            Resources = new ContainerResources(size.Cpu, size.Memory),
            Probes = component.Health is { } health ? [.. HealthProbes(health, component.Port!.Value)] : [],
            Env = [.. f.System.VariablesFor(component, f.Config).Where(v => !v.IsSecret)
                .Select(v => EnvironmentVariable.Plain(v.Name, PlainValue(f, inputs, component, v, platform)))],
        };
    }

    /// <summary>
    /// Wires registry pull and each secret variable (a Key Vault reference through the component's own identity, with
    /// a role assignment scoped to that one secret), makes the workload wait for the paths it uses when it starts
    /// (<see cref="StartupPaths"/>), then adds it.
    /// </summary>
    private static T AddWorkload<T>(Foundation f, WorkloadInputs inputs, ComponentSpec component, T workload)
        where T : Resource, IContainerWorkload<T>
    {
        var identity = inputs.Identities[component.Name];
        var pull = workload.WithRegistry(inputs.Registry, identity);
        f.Template.AddOnce(pull.RoleAssignment);
        var current = pull.Workload;
        foreach (var variable in f.System.VariablesFor(component, f.Config).Where(v => v.IsSecret))
        {
            var source = (SecretValue)variable.Source;
            var secret = f.System.Secret(source.Secret);
            var grant = current.WithKeyVaultSecretAsEnv(variable.Name, inputs.Access.Secrets[secret.Name], identity,
                condition: SecretCondition(f, inputs.Parameters.Secrets, secret),
                version: source.PinnedBy is { } pin ? PinParameter(f, pin).Reference : null);
            f.Template.AddOnce(grant.RoleAssignment);
            current = grant.Workload;
        }
        foreach (var dependency in StartupPaths(f, inputs, component))
        {
            current = current.WithDependency(dependency);
        }
        return f.Template.Add(current);
    }

    /// <summary>The version parameter of a pinned secret reference, declared the first time a workload uses it.</summary>
    private static Parameter PinParameter(Foundation f, SecretPin pin) =>
        f.Template.Parameters.FirstOrDefault(p => p.Identifier == pin.Parameter)
        ?? f.Template.Add(new Parameter(pin.Parameter, "string")
        {
            DefaultValue = (Bicep.Syntax.BicepExpression)"",
            Description = $"A version of the secret to reference instead of the latest: set only during a key rotation (the parameter file reads {pin.Variable}). A version id, not a value.",
        });

    /// <summary>
    /// What must exist before the workload is created, beyond its grants, because the platform or the component uses it
    /// at once and nothing in the workload's body refers to it:
    /// <list type="bullet">
    /// <item>the private endpoint, DNS zone group and zone link of the Key Vault when the component reads a secret
    /// (private environments: Container Apps is not a Key Vault trusted service, so a reference resolves only over the
    /// private endpoint);</item>
    /// <item>the whole database path when the component is given a database URL: its startup and readiness probes (or
    /// its first run) connect at once, and the URL is computed from the server's name, so nothing else orders it after
    /// the server.</item>
    /// </list>
    /// </summary>
    private static IEnumerable<Resource> StartupPaths(Foundation f, WorkloadInputs inputs, ComponentSpec component)
    {
        var secrets = SecretsReadBy(f, component).ToList();
        var vault = secrets.Count > 0 ? inputs.PrivatePaths.To(inputs.Access.KeyVault.Identifier) : [];
        var database = secrets.Any(s => s.Content is DatabaseUrlContent) ? inputs.Database.Path : [];
        return vault.Concat(database);
    }

    /// <summary>Startup, liveness and readiness probes with the timings of <see cref="HealthSpec"/>; TCP where no path is given.</summary>
    private static ContainerProbe[] HealthProbes(HealthSpec health, int port)
    {
        ContainerProbe Probe(ProbeType type, bool tcp) => tcp || health.Path is null
            ? ContainerProbe.Tcp(type, port)
            : ContainerProbe.Http(type, health.Path, port);
        return
        [
            Probe(ProbeType.Startup, tcp: false) with
            {
                PeriodSeconds = HealthSpec.StartupPeriodSeconds, TimeoutSeconds = HealthSpec.StartupTimeoutSeconds, FailureThreshold = HealthSpec.StartupFailureThreshold,
            },
            Probe(ProbeType.Liveness, health.LivenessOnTcp) with
            {
                PeriodSeconds = HealthSpec.LivenessPeriodSeconds, TimeoutSeconds = HealthSpec.LivenessTimeoutSeconds, FailureThreshold = HealthSpec.FailureThreshold,
            },
            Probe(ProbeType.Readiness, tcp: false) with
            {
                PeriodSeconds = HealthSpec.ReadinessPeriodSeconds, TimeoutSeconds = HealthSpec.ReadinessTimeoutSeconds, FailureThreshold = HealthSpec.FailureThreshold,
            },
        ];
    }
}
