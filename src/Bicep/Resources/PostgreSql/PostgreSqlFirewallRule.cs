using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;

namespace Provisioning.Bicep.Resources.PostgreSql;

/// <summary>
/// A firewall rule of a publicly reachable server (<c>…/flexibleServers/firewallRules</c>). The range 0.0.0.0–0.0.0.0
/// means "any Azure service", which includes other tenants' resources: prefer explicit ranges.
/// </summary>
public sealed record PostgreSqlFirewallRule(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules";

    public override string ApiVersion => PostgreSqlApi.Version;

    public override NamingRule? NamingRule => AzureNames.PostgreSqlFirewallRule;

    public BicepValue<string> StartIpAddress { get; init; }

    public BicepValue<string> EndIpAddress { get; init; }

    protected override void WriteBody(BicepObjectBuilder body) =>
        body.AddObject("properties", p => p.Add("startIpAddress", StartIpAddress).Add("endIpAddress", EndIpAddress));
}
