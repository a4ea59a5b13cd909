using Azure.Core;
using Azure.Identity;
using Azure.ResourceManager;
using Provisioning.Probes.Platform;

namespace Provisioning.Cli.Commands;

/// <summary>
/// How <c>probe --resource-group</c> reaches Azure Resource Manager: the credential and the client options. The real
/// one signs in with DefaultAzureCredential (az login, azd, a managed identity…) against the public cloud; tests give
/// a static token and a local stand-in, so they can never reach Azure.
/// </summary>
internal sealed record ArmAccess(TokenCredential Credential, Func<ArmClientOptions> Options)
{
    public static ArmAccess Default() => new(new DefaultAzureCredential(), () => ArmOptions.Create());
}
