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

    /// <summary>
    /// The password of the backend role's alternate login (<c>todo_app_alt</c>, a member of <c>todo_app</c>), which the
    /// job sets: a database password rotation moves the backend from one login to the other, so the old password stays
    /// valid until every replica runs with the new one (docs/security.md, "Rotation").
    /// </summary>
    public const string AppAlternatePassword = "TODO_APP_ALT_DATABASE_PASSWORD";

    /// <summary>The password of the probe role's alternate login (<c>todo_probe_alt</c>), as for the backend's.</summary>
    public const string ProbeAlternatePassword = "TODO_PROBE_ALT_DATABASE_PASSWORD";
}
