namespace Provisioning.Catalogue;

/// <summary>
/// The migration job's own settings beyond DATABASE_URL (its owner login): read by the migration bundle, set by the
/// deployment from Key Vault.
/// </summary>
public static class MigrationSettingNames
{
    /// <summary>The administrator's URL: it only creates the component roles and sets their passwords.</summary>
    public const string AdminUrl = "DATABASE_ADMIN_URL";

    /// <summary>The backend role's password, which the job sets.</summary>
    public const string AppPassword = "TODO_APP_DATABASE_PASSWORD";

    /// <summary>The probe role's password, which the job sets.</summary>
    public const string ProbePassword = "TODO_PROBE_DATABASE_PASSWORD";
}
