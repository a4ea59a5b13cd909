using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Monitoring;

/// <summary>A Log Analytics workspace (<c>Microsoft.OperationalInsights/workspaces</c>), the sink for logs, diagnostics and workspace-based Application Insights.</summary>
public sealed record LogAnalyticsWorkspace(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.OperationalInsights/workspaces";

    // Newest stable version known to the bundled Bicep types.
    public override string ApiVersion => "2026-03-01";

    public override NamingRule? NamingRule => AzureNames.LogAnalyticsWorkspace;

    /// <summary>Pay-as-you-go per GB, the only SKU for new workspaces.</summary>
    public BicepValue<string> SkuName { get; init; } = "PerGB2018";

    /// <summary>30 days is included in the price; longer retention is a cost decision made per environment.</summary>
    public BicepValue<int> RetentionInDays { get; init; } = 30;

    /// <summary>Daily ingestion cap in GB; unset means no cap.</summary>
    public BicepValue<int> DailyQuotaGb { get; init; }

    public BicepValue<string> PublicNetworkAccessForIngestion { get; init; }

    public BicepValue<string> PublicNetworkAccessForQuery { get; init; }

    /// <summary>The workspace id (a GUID) that agents and the Container Apps environment send logs to.</summary>
    public BicepExpression CustomerId => PropertyReference("customerId");

    /// <summary>
    /// <c>x.listKeys().primarySharedKey</c>. A secret: only pass it to a secure sink (the Container Apps environment
    /// does), never to an output or a plain setting.
    /// </summary>
    public BicepExpression PrimarySharedKey => Reference.CallMember("listKeys").Member("primarySharedKey");

    protected override void WriteBody(BicepObjectBuilder body) => body.AddObject("properties", p =>
    {
        p.AddObject("sku", sku => sku.Add("name", SkuName));
        p.Add("retentionInDays", RetentionInDays);
        p.AddObject("workspaceCapping", c => c.Add("dailyQuotaGb", DailyQuotaGb));
        p.Add("publicNetworkAccessForIngestion", PublicNetworkAccessForIngestion);
        p.Add("publicNetworkAccessForQuery", PublicNetworkAccessForQuery);
    });
}
