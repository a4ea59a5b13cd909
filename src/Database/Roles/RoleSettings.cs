using System.Text.RegularExpressions;
using Provisioning.Database.Configuration;
using Provisioning.Catalogue;

namespace Provisioning.Database.Roles;

/// <summary>
/// The database roles of docs/contract.md ("Database roles") as the migration job reads them from its environment.
/// The owner is whoever DATABASE_URL names (todo_owner in Azure); the backend's and the probe's roles default to the
/// contract's names. A class, not a record: a record's generated ToString would print the passwords.
/// </summary>
public sealed partial class RoleSettings
{
    public const string AdminUrlVariable = MigrationSettingNames.AdminUrl;
    public const string AppPasswordVariable = MigrationSettingNames.AppPassword;
    public const string ProbePasswordVariable = MigrationSettingNames.ProbePassword;
    public const string AppAlternatePasswordVariable = MigrationSettingNames.AppAlternatePassword;
    public const string ProbeAlternatePasswordVariable = MigrationSettingNames.ProbeAlternatePassword;

    /// <summary>
    /// Role names are server-wide while databases are not: two environments (or two test runs) sharing one server
    /// need distinct names. Azure leaves them unset.
    /// </summary>
    public const string AppRoleVariable = "TODO_APP_DATABASE_ROLE";
    public const string ProbeRoleVariable = "TODO_PROBE_DATABASE_ROLE";

    public const string DefaultAppRole = TodoSystem.AppRole;
    public const string DefaultProbeRole = TodoSystem.ProbeRole;

    private RoleSettings(string owner, string? ownerPassword, string app, string? appPassword, string probe, string? probePassword, DatabaseUrl? adminUrl,
        string? appAlternatePassword = null, string? probeAlternatePassword = null)
    {
        Owner = new RoleLogin(owner, ownerPassword);
        App = new RoleLogin(app, appPassword);
        Probe = new RoleLogin(probe, probePassword);
        AppAlternate = new RoleLogin(app + TodoSystem.AlternateLoginSuffix, appAlternatePassword);
        ProbeAlternate = new RoleLogin(probe + TodoSystem.AlternateLoginSuffix, probeAlternatePassword);
        AdminUrl = adminUrl;
    }

    /// <summary>
    /// The backend role's second login (<c>todo_app_alt</c>): a member of <see cref="App"/>, so exactly its privileges,
    /// with its own password. A password rotation moves the backend from one login to the other, so replicas that
    /// still connect with the old password keep working until they stop (PostgreSQL keeps one password per role).
    /// </summary>
    public RoleLogin AppAlternate { get; }

    /// <summary>The probe role's second login (<c>todo_probe_alt</c>), as <see cref="AppAlternate"/>.</summary>
    public RoleLogin ProbeAlternate { get; }

    /// <summary>Each alternate login with the role it is a member of.</summary>
    public IReadOnlyList<(RoleLogin Login, RoleLogin Of, string Variable)> Alternates =>
        [(AppAlternate, App, AppAlternatePasswordVariable), (ProbeAlternate, Probe, ProbeAlternatePasswordVariable)];

    /// <summary>The role that migrates and owns the schema: DATABASE_URL's user.</summary>
    public RoleLogin Owner { get; }

    /// <summary>The backend's role: DML on the model's tables and their sequences.</summary>
    public RoleLogin App { get; }

    /// <summary>The probe's role: the catalogue and SELECT on the migration history.</summary>
    public RoleLogin Probe { get; }

    /// <summary>The server administrator, already pointed at DATABASE_URL's database; null when the roles are assumed to exist.</summary>
    public DatabaseUrl? AdminUrl { get; }

    /// <summary>Every password this run knows replaced by ***: the last guard on any line the job prints.</summary>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CredentialMask.Apply(text, [Owner.Password, App.Password, Probe.Password, AppAlternate.Password, ProbeAlternate.Password, AdminUrl?.CreateBuilder().Password]);
    }

    public override string ToString() =>
        $"owner {Owner}, app {App} (and {AppAlternate}), probe {Probe} (and {ProbeAlternate}), admin {(AdminUrl is null ? "not set" : AdminUrl.Redacted)}";

    /// <summary>Reads the job's variables; every problem is one line naming its variable and never showing a value.</summary>
    /// <returns>Null when there are problems (then <paramref name="problems"/> is not empty).</returns>
    public static RoleSettings? Read(DatabaseUrl ownerUrl, Func<string, string?> environment, out List<string> problems, out List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(ownerUrl);
        ArgumentNullException.ThrowIfNull(environment);
        problems = [];
        notes = [];

        var owner = ownerUrl.Username ?? string.Empty;
        var app = Value(environment(AppRoleVariable)) ?? DefaultAppRole;
        var probe = Value(environment(ProbeRoleVariable)) ?? DefaultProbeRole;
        // The owner's name matters only when the job creates it; without DATABASE_ADMIN_URL any existing user may migrate.
        var rawAdmin = Value(environment(AdminUrlVariable));
        if (rawAdmin is not null && !IsRoleName(owner))
        {
            problems.Add($"{DatabaseUrl.VariableName} names no usable owner role: expected todo_owner (lower-case letters, digits and _) when {AdminUrlVariable} is set; fix the user part of the URL.");
        }
        CheckName(AppRoleVariable, app, problems);
        CheckName(ProbeRoleVariable, probe, problems);
        // The alternate logins' names are the role's plus the suffix: they must fit PostgreSQL's 63 bytes too.
        CheckName(AppRoleVariable, app + TodoSystem.AlternateLoginSuffix, problems);
        CheckName(ProbeRoleVariable, probe + TodoSystem.AlternateLoginSuffix, problems);
        if (new[] { owner, app, probe }.Distinct(StringComparer.Ordinal).Count() < 3)
        {
            problems.Add($"the owner ({DatabaseUrl.VariableName}'s user), {AppRoleVariable} and {ProbeRoleVariable} name the same role: each component needs its own role (todo_owner, todo_app, todo_probe).");
        }

        var appPassword = Value(environment(AppPasswordVariable));
        var probePassword = Value(environment(ProbePasswordVariable));
        var appAlternatePassword = Value(environment(AppAlternatePasswordVariable));
        var probeAlternatePassword = Value(environment(ProbeAlternatePasswordVariable));

        DatabaseUrl? admin = null;
        if (rawAdmin is not null)
        {
            if (!DatabaseUrl.TryParse(rawAdmin, AdminUrlVariable, out var adminUrl, out var error))
            {
                problems.Add(error);
            }
            else if (!string.Equals(adminUrl.Host, ownerUrl.Host, StringComparison.OrdinalIgnoreCase) || adminUrl.Port != ownerUrl.Port)
            {
                problems.Add($"{AdminUrlVariable} names the server {adminUrl.Host}:{adminUrl.Port} but {DatabaseUrl.VariableName} names {ownerUrl.Host}:{ownerUrl.Port}: both must name the same server.");
            }
            else if (string.Equals(adminUrl.Username, owner, StringComparison.Ordinal))
            {
                problems.Add($"{AdminUrlVariable} and {DatabaseUrl.VariableName} name the same user '{owner}': {DatabaseUrl.VariableName} must name the owner role (todo_owner), {AdminUrlVariable} the server administrator.");
            }
            else
            {
                // Ownership and grants are per database: the administrator must work in the database the owner migrates.
                admin = adminUrl.WithDatabase(ownerUrl.Database);
            }
        }
        else if (appPassword is not null || probePassword is not null || appAlternatePassword is not null || probeAlternatePassword is not null)
        {
            notes.Add($"{AdminUrlVariable} is not set: the role passwords given in {AppPasswordVariable}/{ProbePasswordVariable}/{AppAlternatePasswordVariable}/{ProbeAlternatePasswordVariable} are not applied (only the administrator can set them).");
        }

        return problems.Count > 0
            ? null
            : new RoleSettings(owner, ownerUrl.CreateBuilder().Password, app, appPassword, probe, probePassword, admin, appAlternatePassword, probeAlternatePassword);
    }

    private static string? Value(string? raw) => string.IsNullOrEmpty(raw) ? null : raw;

    private static void CheckName(string variable, string name, List<string> problems)
    {
        if (!IsRoleName(name))
        {
            problems.Add($"{variable} is not a usable role name: expected lower-case letters, digits and _ (at most 63, not starting with pg_); unset it to use the contract's name.");
        }
    }

    private static bool IsRoleName(string name) =>
        RoleName().IsMatch(name) && !name.StartsWith("pg_", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleName();
}

/// <summary>A role and the password the job should give it (null: leave it as it is).</summary>
public sealed class RoleLogin(string name, string? password)
{
    public string Name { get; } = name;

    public string? Password { get; } = password;

    public override string ToString() => Name;
}
