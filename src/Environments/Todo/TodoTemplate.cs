using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Todo;

/// <summary>
/// The Todo AI Chatbot environment as a Bicep model: a pure function from one environment's configuration to a
/// validated <see cref="BicepFile"/>. Each part (monitoring, security, data, network, apps, jobs, alerts, outputs)
/// lives in its own file of this partial class and adds its resources in a fixed order, so output is deterministic.
/// </summary>
public static partial class TodoTemplate
{
    public static BicepFile Build(EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var context = new TodoTemplateContext(configuration);
        AddCommonParameters(context);
        AddDeploymentParameters(context);
        AddMonitoring(context);
        AddIdentities(context);
        AddRegistry(context);
        AddNetwork(context);
        AddKeyVault(context);
        AddDatabase(context);
        AddSecrets(context);
        AddContainerAppsEnvironment(context);
        AddApps(context);
        AddMigrationJob(context);
        AddProbeFunction(context);
        AddAlerts(context);
        AddDiagnostics(context);
        AddLocks(context);
        AddOutputs(context);
        return context.Template.Build();
    }

    /// <summary>
    /// The registry alone, deployed once before the first deployment of <see cref="Build"/>: the apps' images must be
    /// in the registry before the apps can start, and the registry is part of the environment. Its declaration is the
    /// same as in the main template, so deploying both never conflicts.
    /// </summary>
    public static BicepFile BuildBootstrap(EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var context = new TodoTemplateContext(configuration);
        AddCommonParameters(context);
        AddRegistry(context);
        AddRegistryOutputs(context);
        return context.Template.Build();
    }

    /// <summary>The tags every taggable resource carries; azd finds services by <c>azd-service-name</c>.</summary>
    private static BicepExpression Tags(TodoTemplateContext c, string? service = null) => service is null
        ? c.Tags.Reference
        : Expr.Call("union", c.Tags.Reference, Expr.Object(Expr.Prop("azd-service-name", service)));
}
