namespace Provisioning.Catalogue;

/// <summary>Bicep output names the platform side reads besides the three URLs.</summary>
public static class OutputNames
{
    public const string MigrationJobName = "MIGRATION_JOB_NAME";
}
