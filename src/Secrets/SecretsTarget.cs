namespace Provisioning.Secrets;

/// <summary>
/// Where an environment's secrets go: its Key Vault, and the PostgreSQL host the database URL secrets name. Both are
/// read from the environment's latest bootstrap (or main) deployment outputs, which the templates compute, so this
/// never re-implements the templates' naming (their <c>uniqueString()</c> suffixes).
/// </summary>
public sealed record SecretsTarget(string SubscriptionId, string ResourceGroup, string VaultName, string DatabaseHost)
{
    /// <summary>The deployment output naming the vault (bootstrap.bicep and main.bicep give it).</summary>
    public const string VaultOutput = OutputNames.KeyVaultName;

    /// <summary>The deployment output with the server's host name, known before the server exists.</summary>
    public const string DatabaseHostOutput = OutputNames.DatabaseHost;

    public string VaultId => $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.KeyVault/vaults/{VaultName}";
}
