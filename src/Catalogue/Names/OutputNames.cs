namespace Provisioning.Catalogue;

/// <summary>Bicep output names the platform side reads besides the three URLs.</summary>
public static class OutputNames
{
    public const string MigrationJobName = "MIGRATION_JOB_NAME";

    /// <summary>The Application Insights resource the probe reports to; the deployment's last stage reads the probe's results there.</summary>
    public const string ApplicationInsightsName = "APPLICATIONINSIGHTS_NAME";
}
