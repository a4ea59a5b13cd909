using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;

namespace Provisioning.Bicep.Resources.PostgreSql;

/// <summary>A server parameter (<c>…/flexibleServers/configurations</c>); the resource name is the parameter name.</summary>
public sealed record PostgreSqlConfiguration(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.DBforPostgreSQL/flexibleServers/configurations";

    public override string ApiVersion => PostgreSqlApi.Version;

    public override NamingRule? NamingRule => AzureNames.PostgreSqlConfiguration;

    public BicepValue<string> Value { get; init; }

    /// <summary>Marks the value as set by the user rather than the service default.</summary>
    public BicepValue<string> Source { get; init; } = "user-override";

    /// <summary><c>require_secure_transport = ON</c>: connections without TLS are refused.</summary>
    public static PostgreSqlConfiguration RequireSecureTransport(string identifier, PostgreSqlFlexibleServer server) =>
        new(identifier) { Parent = server, Name = "require_secure_transport", Value = "ON" };

    /// <summary><c>ssl_min_protocol_version = TLSv1.2</c>.</summary>
    public static PostgreSqlConfiguration MinimumTls12(string identifier, PostgreSqlFlexibleServer server) =>
        new(identifier) { Parent = server, Name = "ssl_min_protocol_version", Value = "TLSv1.2" };

    protected override void WriteBody(BicepObjectBuilder body) =>
        body.AddObject("properties", p => p.Add("value", Value).Add("source", Source));
}
