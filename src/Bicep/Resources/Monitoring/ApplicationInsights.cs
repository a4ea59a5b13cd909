using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Monitoring;

/// <summary>
/// Workspace-based Application Insights (<c>Microsoft.Insights/components</c>): telemetry is stored in the given Log
/// Analytics workspace (classic, standalone resources are retired).
/// </summary>
public sealed record ApplicationInsights(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Insights/components";

    // The newest stable version; later ones are previews.
    public override string ApiVersion => "2020-02-02";

    public override NamingRule? NamingRule => AzureNames.MonitorResource;

    /// <summary>The workspace's resource id (<c>workspace.id</c>).</summary>
    public BicepValue<string> WorkspaceResourceId { get; init; }

    public BicepValue<int> RetentionInDays { get; init; }

    /// <summary>True accepts telemetry only with Entra ID tokens (Monitoring Metrics Publisher), not the connection string alone.</summary>
    public BicepValue<bool> DisableLocalAuth { get; init; }

    /// <summary><c>x.properties.ConnectionString</c>, what SDKs read from <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>.</summary>
    public BicepExpression ConnectionString => PropertyReference("ConnectionString");

    protected override void WriteBody(BicepObjectBuilder body)
    {
        body.Add("kind", (BicepExpression)"web");
        body.AddObject("properties", p =>
        {
            p.Add("Application_Type", (BicepExpression)"web");
            p.Add("WorkspaceResourceId", WorkspaceResourceId);
            p.Add("IngestionMode", (BicepExpression)"LogAnalytics");
            p.Add("RetentionInDays", RetentionInDays);
            p.Add("DisableLocalAuth", DisableLocalAuth);
        });
    }
}
