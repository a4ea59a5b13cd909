using Provisioning.Environments.Configuration;

namespace Provisioning.Secrets;

/// <summary>One environment's `secrets init`: which environment, the resource group it is deployed in, and where external values come from.</summary>
/// <param name="EnvironmentVariables">Read for external credentials (OPENAI_API_KEY) and for a value that must match a secret already in the vault; nothing else.</param>
public sealed record SecretsInitRequest(
    EnvironmentConfiguration Environment, string SubscriptionId, string ResourceGroup, Func<string, string?> EnvironmentVariables)
{
    public SystemDescription System { get; init; } = TodoSystem.Description;
}
