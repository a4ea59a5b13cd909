using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>
/// A secret of a container app or job. The preferred form is a Key Vault reference: the platform reads the secret
/// with the given user-assigned identity, so the value never appears in the template or the app's configuration.
/// There is deliberately no literal form: a secret value in a template is exactly what this model exists to prevent.
/// </summary>
public sealed record ContainerAppSecret : IBicepSerializable, IConditional
{
    private ContainerAppSecret(string name)
    {
        Name = name;
    }

    /// <summary>Lowercase letters, digits and '-'; what env vars name in <c>secretRef</c>.</summary>
    public string Name { get; }

    /// <summary>The full secret URI (<c>KeyVaultSecret.SecretUri</c>); a vault URI alone does not resolve.</summary>
    public BicepValue<string> KeyVaultUrl { get; private init; }

    /// <summary>The resource id of the user-assigned identity that reads the secret (or <c>system</c>).</summary>
    public BicepValue<string> Identity { get; private init; }

    /// <summary>Set: the secret exists only while this holds at deployment time.</summary>
    public BicepExpression? Condition { get; init; }

    public static ContainerAppSecret FromKeyVault(string name, BicepValue<string> keyVaultUrl, BicepValue<string> identityResourceId) =>
        new(name) { KeyVaultUrl = keyVaultUrl, Identity = identityResourceId };

    public BicepExpression ToExpression() => new BicepObjectBuilder()
        .Add("name", (BicepExpression)Name)
        .Add("keyVaultUrl", KeyVaultUrl)
        .Add("identity", Identity)
        .Build();
}
