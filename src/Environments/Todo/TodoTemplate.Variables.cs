using Provisioning.Bicep.Model;
using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.Storage;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

/// <summary>Resources of the platform a component's <see cref="PlatformValue"/> variables point at.</summary>
internal sealed record PlatformResources(StorageAccount? FunctionsStorage);

public static partial class TodoTemplate
{
    /// <summary>
    /// The Bicep rendering of a plain variable's <see cref="ValueSource"/>; the one place that knows how each kind
    /// of source becomes a template value. Secret sources never get here: they are Key Vault references.
    /// </summary>
    /// <summary>A workload's resource name as a literal: apps from <see cref="AppsEnvironmentParts"/>, jobs as <see cref="AddJob"/> names them.</summary>
    private static string WorkloadName(Foundation f, WorkloadInputs inputs, ComponentSpec component) =>
        (component.Kind == WorkloadKind.Job
            ? ResourceNames.For(new ContainerAppJob(component.WorkloadSymbol), [.. f.NameParts, component.Name])
            : inputs.Apps.AppNames[component.Name]).Literal;

    private static BicepValue<string> PlainValue(Foundation f, WorkloadInputs inputs, ComponentSpec component, VariableSpec variable, PlatformResources? platform)
    {
        UserAssignedIdentity Identity() => inputs.Identities[component.Name];
        return variable.Source switch
        {
            LiteralValue literal => literal.Value,
            ConfigurationValue setting => setting.Read(f.Config),
            ComponentUrl url => inputs.Apps.UrlOf(f.System.Component(url.Component), url.Path),
            PlatformValue { Setting: PlatformSetting.FunctionsStorageAccountName } => (platform?.FunctionsStorage
                ?? throw new NotSupportedException($"{component.Name}: {variable.Name} needs the Functions host's storage, which only a function app has")).NameReference,
            PlatformValue { Setting: PlatformSetting.IdentityClientId } => Identity().ClientId,
            PlatformValue { Setting: PlatformSetting.ApplicationInsightsConnectionString } => inputs.Monitoring.AppInsights.ConnectionString,
            PlatformValue { Setting: PlatformSetting.ApplicationInsightsAuthentication } => Expr.Interpolate("Authorization=AAD;ClientId=", Identity().ClientId),
            PlatformValue { Setting: PlatformSetting.SubscriptionId } => Provisioning.Bicep.Syntax.Bicep.Subscription().Member("subscriptionId"),
            PlatformValue { Setting: PlatformSetting.ResourceGroupName } => Provisioning.Bicep.Syntax.Bicep.ResourceGroup().Member("name"),
            // Literal names (apps: AppsEnvironmentParts; jobs: the same generated name AddJob gives), so the probe
            // does not depend on the workloads it reads.
            WorkloadNames names => string.Join(",", names.Components.Select(n => WorkloadName(f, inputs, f.System.Component(n)))),
            _ => throw new NotSupportedException($"{component.Name}: {variable.Name} has a source ({variable.Source.GetType().Name}) with no plain Bicep rendering"),
        };
    }
}
