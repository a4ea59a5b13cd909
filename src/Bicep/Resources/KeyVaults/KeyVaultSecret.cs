using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.KeyVaults;

/// <summary>
/// A secret in a vault (<c>Microsoft.KeyVault/vaults/secrets</c>). Its value is a secure sink: it is the one place a
/// secure parameter may flow to. Set <see cref="Resource.Parent"/> to the vault.
/// </summary>
public sealed record KeyVaultSecret(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.KeyVault/vaults/secrets";

    public override string ApiVersion => "2026-05-15";

    public override NamingRule? NamingRule => AzureNames.KeyVaultSecret;

    /// <summary>The secret value, usually a secure parameter; printed inside a secure sink. Unset keeps the current value.</summary>
    public BicepExpression? Value { get; init; }

    public BicepValue<string> ContentType { get; init; }

    public BicepValue<bool> Enabled { get; init; }

    /// <summary>
    /// <c>x.properties.secretUri</c>: the full URI without a version, so a container app's Key Vault reference always
    /// resolves the latest version (the new value is read by the next revision).
    /// </summary>
    public BicepExpression SecretUri => PropertyReference("secretUri");

    /// <summary><c>x.properties.secretUriWithVersion</c>, pinned to the version this deployment wrote.</summary>
    public BicepExpression SecretUriWithVersion => PropertyReference("secretUriWithVersion");

    protected override void WriteBody(BicepObjectBuilder body) => body.AddObject("properties", p =>
    {
        p.Add("value", Value is null ? null : Syntax.Bicep.Secure(Value));
        p.Add("contentType", ContentType);
        p.AddObject("attributes", a => a.Add("enabled", Enabled));
    });
}
