using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Monitoring;

/// <summary>
/// Diagnostic settings (<c>Microsoft.Insights/diagnosticSettings</c>), an extension resource: set
/// <see cref="Resource.Scope"/> to the resource whose logs and metrics are sent to <see cref="WorkspaceId"/>.
/// Category groups (<c>allLogs</c>) pick up new log categories without template changes.
/// </summary>
public sealed record DiagnosticSettings(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Insights/diagnosticSettings";

    // The newest version with category groups. It is a preview, and the linter's use-recent-api-versions suggests the
    // unrelated 2016 "service" type instead (Azure/bicep#15992), so that one rule is suppressed for this resource.
    public override string ApiVersion => "2021-05-01-preview";

    public override NamingRule? NamingRule => AzureNames.MonitorResource;

    public override ImmutableArray<string> DisabledLinterRules => ["use-recent-api-versions"];

    public BicepValue<string> WorkspaceId { get; init; }

    /// <summary><c>allLogs</c> or <c>audit</c>; unset sends no logs (for resources that have none, e.g. Log Analytics metrics only).</summary>
    public BicepValue<string> LogCategoryGroup { get; init; } = "allLogs";

    /// <summary>Whether to send the <c>AllMetrics</c> category; not every resource type has metrics.</summary>
    public bool SendAllMetrics { get; init; } = true;

    protected override void WriteBody(BicepObjectBuilder body) => body.AddObject("properties", p =>
    {
        p.Add("workspaceId", WorkspaceId);
        if (LogCategoryGroup.IsSet)
        {
            p.AddArray("logs", [new BicepObjectBuilder().Add("categoryGroup", LogCategoryGroup).Add("enabled", (BicepExpression)true).Build()]);
        }
        if (SendAllMetrics)
        {
            p.AddArray("metrics", [Syntax.Bicep.Object(Syntax.Bicep.Prop("category", "AllMetrics"), Syntax.Bicep.Prop("enabled", true))]);
        }
    });
}
