using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>
/// How an app or job pulls from a private registry: with a managed identity that holds AcrPull, never with admin
/// credentials (which would have to be stored as a secret and rotated).
/// </summary>
public sealed record RegistryCredential(BicepValue<string> Server, BicepValue<string> IdentityResourceId) : IBicepSerializable
{
    public BicepExpression ToExpression() => new BicepObjectBuilder()
        .Add("server", Server)
        .Add("identity", IdentityResourceId)
        .Build();
}
