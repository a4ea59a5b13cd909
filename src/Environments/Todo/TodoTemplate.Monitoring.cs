using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Resources.ContainerRegistries;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.Monitoring;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    private static void AddMonitoring(TodoTemplateContext c)
    {
        var t = c.Template;
        c.LogAnalytics = t.Add(new LogAnalyticsWorkspace("logAnalytics")
        {
            Location = c.Location.Reference,
            Tags = Tags(c),
            // Prod keeps 90 days for incident reviews; the others stay within the included 30.
            RetentionInDays = c.Config.Name == Configuration.ConfigurationRules.ProductionName ? 90 : 30,
        }.WithGeneratedName(c.NameParts));
        c.AppInsights = t.Add(new ApplicationInsights("appInsights")
        {
            Location = c.Location.Reference,
            Tags = Tags(c),
            WorkspaceResourceId = c.LogAnalytics.Id,
            // Only Entra-authenticated telemetry is accepted: the probe sends with its identity (Monitoring Metrics
            // Publisher), so a leaked connection string cannot be used to forge green availability results.
            DisableLocalAuth = true,
        }.WithGeneratedName(c.NameParts));
        c.ActionGroup = t.Add(new ActionGroup("alertActionGroup")
        {
            Location = "global",
            Tags = Tags(c),
            // The short name appears in SMS and e-mail subjects; at most 12 characters.
            GroupShortName = Truncate($"{c.Config.NamePrefix}{c.Env}", 12),
            EmailReceivers = [new EmailReceiver("oncall", c.Config.AlertEmail)],
        }.WithGeneratedName(c.NameParts));
    }

    private static void AddIdentities(TodoTemplateContext c)
    {
        var t = c.Template;
        // One identity per component: each may read exactly the secrets its component needs, nothing more.
        c.Identities = new[] { TodoContract.Frontend, TodoContract.Backend, TodoContract.Mcp, TodoContract.Migrate, TodoContract.Probe }
            .ToDictionary(component => component, component => t.Add(new UserAssignedIdentity(component + "Identity")
            {
                Location = c.Location.Reference,
                Tags = Tags(c),
            }.WithGeneratedName([.. c.NameParts, component])));
    }

    /// <summary>The environment's registry; the bootstrap template declares the very same resource.</summary>
    private static void AddRegistry(TodoTemplateContext c)
    {
        c.Registry = c.Template.Add(new ContainerRegistry("registry")
        {
            Location = c.Location.Reference,
            Tags = Tags(c),
            // Premium is the tier with zone redundancy; the public environments do with Basic.
            SkuName = c.IsPrivate() ? "Premium" : "Basic",
            ZoneRedundancy = c.IsPrivate() ? "Enabled" : Bicep.Model.BicepValue<string>.Unset,
        }.WithGeneratedName(c.NameParts));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private static bool IsPrivate(this TodoTemplateContext c) => c.Config.IsPrivate;
}
