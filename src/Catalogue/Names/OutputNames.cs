namespace Provisioning.Catalogue;

/// <summary>Bicep output names the platform side reads besides the three URLs.</summary>
public static class OutputNames
{
    public const string MigrationJobName = "MIGRATION_JOB_NAME";

    /// <summary>The Application Insights resource the probe reports to; the deployment's last stage reads the probe's results there.</summary>
    public const string ApplicationInsightsName = "APPLICATIONINSIGHTS_NAME";

    /// <summary>The environment's Key Vault: `secrets init` writes there, and main.bicepparam's getSecret() reads the variable of this name.</summary>
    public const string KeyVaultName = "AZURE_KEY_VAULT_NAME";

    /// <summary>The PostgreSQL server's host name, known before the server exists: `secrets init` puts it in the database URLs.</summary>
    public const string DatabaseHost = "POSTGRES_HOST";
}
