using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

/// <summary>
/// The Todo AI Chatbot environment as a Bicep model: a pure function from one environment's configuration and the
/// system description to a validated <see cref="BicepFile"/>. Each part (monitoring, identities, data, network,
/// apps, alerts, outputs) lives in its own file of this partial class and returns what later parts need, and adds its
/// resources in a fixed order, so output is deterministic.
/// </summary>
public static partial class TodoTemplate
{
    public static BicepFile Build(EnvironmentConfiguration configuration) => Build(configuration, TodoSystem.Description);

    /// <exception cref="ArgumentException">The description is inconsistent, or the configuration lacks an image of one of its components.</exception>
    public static BicepFile Build(EnvironmentConfiguration configuration, SystemDescription system)
    {
        var f = AddFoundation(configuration, system);
        var parameters = AddDeploymentParameters(f);
        var monitoring = AddMonitoring(f);
        var identities = AddIdentities(f);
        var registry = AddRegistry(f);
        var network = AddNetwork(f);
        var vault = AddKeyVault(f, network);
        var postgres = AddDatabase(f, parameters, network);
        var data = new DataParts(vault, postgres, AddSecrets(f, parameters, vault, postgres));
        var apps = AddContainerAppsEnvironment(f, monitoring, network);
        var inputs = new WorkloadInputs(parameters, monitoring, identities, registry, data, apps, network);
        var workloads = AddWorkloads(f, inputs);
        AddPlatformAccess(f, inputs, workloads);
        AddAlerts(f, monitoring);
        AddDatabaseStorageAlert(f, monitoring, data);
        AddDiagnostics(f, monitoring, [vault, postgres, registry]);
        AddLocks(f, data);
        AddOutputs(f, apps, workloads, registry, data, monitoring);
        return f.Template.Build();
    }

    /// <summary>
    /// The registry alone, deployed once before the first deployment of <see cref="Build(EnvironmentConfiguration)"/>:
    /// the apps' images must be in the registry before the apps can start, and the registry is part of the
    /// environment. Its declaration is the same as in the main template, so deploying both never conflicts.
    /// </summary>
    public static BicepFile BuildBootstrap(EnvironmentConfiguration configuration)
    {
        var f = AddFoundation(configuration, TodoSystem.Description);
        AddRegistryOutputs(f, AddRegistry(f));
        return f.Template.Build();
    }

    /// <summary>What every template of the environment declares: where, which environment, and the tags.</summary>
    private static Foundation AddFoundation(EnvironmentConfiguration configuration, SystemDescription system)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(system);
        var problems = system.Problems().Concat(system.Components.Where(c => !configuration.Images.ContainsKey(c.Name))
            .Select(c => $"{configuration.SourceFile} has no image for the component '{c.Name}'")).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The system description cannot be built: " + string.Join("; ", problems) + ".", nameof(system));
        }
        var t = new BicepTemplate();
        var location = t.Add(new Parameter("location", "string") { Description = "Azure region of every resource." });
        var environmentName = t.Add(new Parameter("environmentName", "string")
        {
            Description = "The environment (azd's AZURE_ENV_NAME); it names and tags every resource.",
            AllowedValues = [configuration.Name],
        });
        var tags = t.Add(new Variable("tags", Expr.Object(
            Expr.Prop("azd-env-name", environmentName.Reference),
            Expr.Prop("workload", configuration.NamePrefix),
            Expr.Prop("environment", configuration.Name),
            Expr.Prop("managed-by", "provisioning-generator")))
        {
            Description = "Tags on every resource; azd finds the environment by azd-env-name.",
        });
        return new Foundation(configuration, system, t, location, environmentName, tags);
    }
}
