using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;

namespace Provisioning.Bicep.Resources.PostgreSql;

/// <summary>A database on a flexible server (<c>…/flexibleServers/databases</c>); set <see cref="Resource.Parent"/> to the server.</summary>
public sealed record PostgreSqlDatabase(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.DBforPostgreSQL/flexibleServers/databases";

    public override string ApiVersion => PostgreSqlApi.Version;

    public override NamingRule? NamingRule => AzureNames.PostgreSqlDatabase;

    public BicepValue<string> Charset { get; init; } = "UTF8";

    public BicepValue<string> Collation { get; init; } = "en_US.utf8";

    protected override void WriteBody(BicepObjectBuilder body) =>
        body.AddObject("properties", p => p.Add("charset", Charset).Add("collation", Collation));
}
