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
        var images = AddImageParameters(f, f.System.Components);
        var parameters = new DeploymentParameters(images, AddSecureParameters(f));
        var access = AddAccess(f, parameters.Secrets);
        var network = AddNetwork(f);
        var privatePaths = AddPrivatePaths(f, network, access);
        var database = AddDatabase(f, parameters.Secrets, network);
        var data = new DataParts(access.KeyVault, database.Server, access.Secrets);
        var monitoring = access.Monitoring;
        var apps = AddContainerAppsEnvironment(f, monitoring, network);
        var inputs = new WorkloadInputs(parameters, access, database, privatePaths, apps);
        var workloads = AddWorkloads(f, inputs);
        AddPlatformAccess(f, inputs, workloads);
        AddAlerts(f, monitoring);
        AddObjectiveAlerts(f, monitoring);
        AddWorkbook(f, monitoring);
        AddDatabaseStorageAlert(f, monitoring, data);
        AddDiagnostics(f, monitoring, [access.KeyVault, database.Server, access.Registry]);
        AddLocks(f, data);
        AddOutputs(f, apps, workloads, access, data);
        return f.Template.Build();
    }

    public static BicepFile BuildData(EnvironmentConfiguration configuration) => BuildData(configuration, TodoSystem.Description);

    /// <summary>
    /// The data stage (src/Deployment): what the migration job needs to run to completion, and nothing that logs in
    /// with a role the migration creates. The database server with its TLS setting and network path, the Container
    /// Apps environment and the job(s), declared exactly as the main template declares them (the same parts build
    /// both, so deploying data.bicep and then main.bicep never conflicts), with the bootstrap's access parts the job
    /// references. The apps and the probe are left to main.bicep, which runs after the migration created their roles:
    /// created earlier, their readiness probes (which log in) could never pass on a first deployment.
    /// </summary>
    public static BicepFile BuildData(EnvironmentConfiguration configuration, SystemDescription system)
    {
        var f = AddFoundation(configuration, system);
        var jobs = system.Components.Where(c => c.Kind == WorkloadKind.Job).ToList();
        var parameters = new DeploymentParameters(AddImageParameters(f, jobs), AddSecureParameters(f));
        var access = AddAccess(f, parameters.Secrets);
        var network = AddNetwork(f);
        var privatePaths = AddPrivatePaths(f, network, access);
        var database = AddDatabase(f, parameters.Secrets, network);
        var apps = AddContainerAppsEnvironment(f, access.Monitoring, network);
        var inputs = new WorkloadInputs(parameters, access, database, privatePaths, apps);
        var workloads = new Workloads(jobs.ToDictionary(c => c.Name, c => (Resource)AddJob(f, inputs, c)));
        var data = new DataParts(access.KeyVault, database.Server, access.Secrets);
        AddLocks(f, data);
        AddDataOutputs(f, apps, workloads, access, data);
        return f.Template.Build();
    }

    public static BicepFile BuildBootstrap(EnvironmentConfiguration configuration) => BuildBootstrap(configuration, TodoSystem.Description);

    /// <summary>bootstrap.bicep's flag: the vault's secrets exist (`secrets init` ran), so the grants on them can be made.</summary>
    public const string SecretsExistParameter = "secretsExist";

    /// <summary>The deployment variable behind <see cref="SecretsExistParameter"/>: anything but <c>false</c> (unset included) means they exist.</summary>
    public const string SecretsExistVariable = "SECRETS_INITIALIZED";

    /// <summary>
    /// What must exist, granted, minutes before the first workload is created (<see cref="AddAccess"/>): deployed
    /// before <see cref="Build(EnvironmentConfiguration, SystemDescription)"/>, waited out when it created a new role
    /// assignment. Each declaration is the same as in the main template, so deploying both never conflicts; the images,
    /// being in the registry it creates, are pushed in between. It reads no secret: on a new environment it runs with
    /// <see cref="SecretsExistParameter"/> false, then `secrets init` fills the vault, then it runs again with the flag
    /// on to grant each workload its secrets (docs/security.md, "Secret lifecycle").
    /// </summary>
    public static BicepFile BuildBootstrap(EnvironmentConfiguration configuration, SystemDescription system)
    {
        var f = AddFoundation(configuration, system);
        var secretsExist = f.Template.Add(new Parameter(SecretsExistParameter, "bool")
        {
            Description = "Whether `secrets init` has created the vault's secrets, so the grants scoped to them can be made: " +
                $"false only on the first bootstrap step of a new environment ({SecretsExistVariable}=false), before `secrets init`.",
        });
        AddAccessOutputs(f, AddAccess(f, AddSecureParameters(f), secretsExist.Reference));
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
