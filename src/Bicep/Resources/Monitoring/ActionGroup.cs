using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Monitoring;

/// <summary>One e-mail receiver of an action group; the common alert schema gives every alert type the same payload.</summary>
public sealed record EmailReceiver(string Name, BicepValue<string> EmailAddress) : IBicepSerializable
{
    public BicepExpression ToExpression() => new BicepObjectBuilder()
        .Add("name", (BicepExpression)Name)
        .Add("emailAddress", EmailAddress)
        .Add("useCommonAlertSchema", (BicepExpression)true)
        .Build();
}

/// <summary>An action group (<c>Microsoft.Insights/actionGroups</c>): who is told when an alert fires. A global resource.</summary>
public sealed record ActionGroup(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Insights/actionGroups";

    // The newest stable version.
    public override string ApiVersion => "2023-01-01";

    public override NamingRule? NamingRule => AzureNames.MonitorResource;

    /// <summary>Up to 12 characters; shown in SMS and e-mail subjects.</summary>
    public BicepValue<string> GroupShortName { get; init; }

    public BicepValue<bool> Enabled { get; init; } = true;

    public ImmutableArray<EmailReceiver> EmailReceivers { get; init; } = [];

    protected override void WriteBody(BicepObjectBuilder body) => body.AddObject("properties", p => p
        .Add("groupShortName", GroupShortName)
        .Add("enabled", Enabled)
        .AddArray("emailReceivers", EmailReceivers));
}
