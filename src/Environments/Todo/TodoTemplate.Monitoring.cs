using Provisioning.Bicep.Model;
using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Resources.ContainerRegistries;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.Monitoring;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    private static MonitoringParts AddMonitoring(Foundation f)
    {
        var t = f.Template;
        var logAnalytics = t.Add(new LogAnalyticsWorkspace("logAnalytics")
        {
            Location = f.Location.Reference,
            Tags = f.TagsFor(),
            // Production keeps 90 days for incident reviews; the others stay within the included 30.
            RetentionInDays = f.IsProduction ? 90 : 30,
        }.WithGeneratedName(f.NameParts));
        var appInsights = t.Add(new ApplicationInsights("appInsights")
        {
            Location = f.Location.Reference,
            Tags = f.TagsFor(),
            WorkspaceResourceId = logAnalytics.Id,
            // Only Entra-authenticated telemetry is accepted: the probe sends with its identity (Monitoring Metrics
            // Publisher), so a leaked connection string cannot be used to forge green availability results.
            DisableLocalAuth = true,
        }.WithGeneratedName(f.NameParts));
        var actionGroup = t.Add(new ActionGroup("alertActionGroup")
        {
            Location = "global",
            Tags = f.TagsFor(),
            // The short name appears in SMS and e-mail subjects; at most 12 characters.
            GroupShortName = Truncate($"{f.Config.NamePrefix}{f.Env}", 12),
            EmailReceivers = [new EmailReceiver("oncall", f.Config.AlertEmail)],
        }.WithGeneratedName(f.NameParts));
        return new MonitoringParts(logAnalytics, appInsights, actionGroup);
    }

    /// <summary>One identity per component: each may read exactly the secrets its component needs, nothing more.</summary>
    private static IReadOnlyDictionary<string, UserAssignedIdentity> AddIdentities(Foundation f) =>
        f.System.Components.ToDictionary(c => c.Name, c => f.Template.Add(new UserAssignedIdentity(c.Name + "Identity")
        {
            Location = f.Location.Reference,
            Tags = f.TagsFor(),
        }.WithGeneratedName([.. f.NameParts, c.Name])));

    /// <summary>The environment's registry; the bootstrap template declares the very same resource.</summary>
    private static ContainerRegistry AddRegistry(Foundation f) =>
        f.Template.Add(new ContainerRegistry("registry")
        {
            Location = f.Location.Reference,
            Tags = f.TagsFor(),
            // Premium is the tier with zone redundancy; the public environments do with Basic.
            SkuName = f.IsPrivate ? "Premium" : "Basic",
            ZoneRedundancy = f.IsPrivate ? "Enabled" : BicepValue<string>.Unset,
        }.WithGeneratedName(f.NameParts));

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
