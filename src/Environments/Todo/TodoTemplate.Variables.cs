using Provisioning.Bicep.Model;
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
            _ => throw new NotSupportedException($"{component.Name}: {variable.Name} has a source ({variable.Source.GetType().Name}) with no plain Bicep rendering"),
        };
    }
}
