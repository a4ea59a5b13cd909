namespace Provisioning.Secrets.Rotation;

/// <summary>
/// `secrets rotate database`: a new password for one database role with no failed request. PostgreSQL keeps one
/// password per role, so a role a long-running component connects as has two logins (the role and its alternate, a
/// member with the same privileges; docs/database.md), and the rotation moves the component from the login in use to
/// the other:
/// <list type="number">
/// <item>a new password for the login not in use, into its password secret;</item>
/// <item>the migration job sets it (the login in use keeps its password: both are valid);</item>
/// <item>the component's URL secret points at that login (tagged with it);</item>
/// <item>the component rolled out: new replicas connect as the new login, old ones keep theirs until they stop;</item>
/// <item>close, step 1: the old login's password secret gets an unused random value (tagged retired);</item>
/// <item>close, step 2: the migration job sets it, and the old password stops working.</item>
/// </list>
/// Which login is in use and whether a rotation is half done are read from tags, never values. A run interrupted
/// before the URL moved starts again (nothing used the new password); after it, resumes at the roll-out, and the
/// URL is tagged closed once the old password no longer works.
/// Roles only the migration job uses (the owner; the administrator) are rotated in place: a new value, then the job
/// (or, for the administrator, the server's deployment) that applies it; nothing else connects with them.
/// </summary>
public static class DatabaseRotation
{
    /// <summary>The roles that can be rotated, in the order a rotation of all of them runs: the workloads' first.</summary>
    public static IReadOnlyList<string> Roles(SystemDescription system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var urls = UrlSecrets(system).ToList();
        return
        [
            .. urls.Where(u => u.Content.AlternatePasswordParameter is not null).Select(u => u.Content.Login),
            .. urls.Where(u => u.Content.AlternatePasswordParameter is null && u.Content.Login != system.Database.AdministratorLogin).Select(u => u.Content.Login),
            system.Database.AdministratorLogin,
        ];
    }

    public static async Task<RotationPlan> PlanAsync(RotationContext context, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var system = context.System;
        if (!Roles(system).Contains(role, StringComparer.Ordinal))
        {
            throw new RotationException($"--role {role}: not a database role of the system. Use one of: {string.Join(", ", Roles(system))}.");
        }
        var url = UrlSecrets(system).Single(u => u.Content.Login == role);
        return url.Content.AlternatePasswordParameter is { } alternate
            ? await AlternatingAsync(context, url.Secret, url.Content, alternate, cancellationToken).ConfigureAwait(false)
            : await InPlaceAsync(context, url.Secret, url.Content, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RotationPlan> AlternatingAsync(RotationContext context, SecretSpec urlSecret, DatabaseUrlContent content, string alternateParameter, CancellationToken cancellationToken)
    {
        var (system, vault, platform) = (context.System, context.Vault, context.Platform);
        var role = content.Login;
        var logins = new[]
        {
            (Login: role, Secret: PasswordSecret(system, content.PasswordParameter)),
            (Login: role + TodoSystem.AlternateLoginSuffix, Secret: PasswordSecret(system, alternateParameter)),
        };
        var url = await vault.GetAsync(urlSecret.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new RotationException($"{urlSecret.Name} does not exist in the vault: nothing to rotate. Fix: run `secrets init` (or deploy) first.");
        var active = logins.FirstOrDefault(l => l.Login == (url.Tag(RotationTags.Login) ?? role));
        if (active.Login is null)
        {
            throw new RotationException($"{urlSecret.Name} is tagged {RotationTags.Login}={url.Tag(RotationTags.Login)}, which is neither {logins[0].Login} nor {logins[1].Login}. Fix: set the tag to the login its URL names.");
        }
        var idle = logins.Single(l => l.Login != active.Login);
        var readers = system.Components
            .Where(c => c.Kind != WorkloadKind.Job && c.Variables.Any(v => v.Source is SecretValue s && s.Secret == urlSecret.Name))
            .Select(c => c.Name).ToList();

        // Half done: the URL moved to the login in use now (tagged with its rotation), and that rotation's close has not
        // finished (the URL is tagged closed at its very end).
        var moved = url.Tag(RotationTags.Rotation);
        var resuming = moved is not null && url.Tag(RotationTags.Closed) != moved;
        var id = resuming ? moved! : RotationTags.NewId(context.Time);
        // Resuming, the roll-out and the close act on the login the URL left; otherwise on the one it moves away from.
        var (from, to) = resuming ? (idle, active) : (active, idle);
        var retired = resuming && (await vault.GetAsync(from.Secret, cancellationToken).ConfigureAwait(false))?.Tag(RotationTags.RetiredBy) == id;
        string? password = null;
        var passwordParameter = system.SecureParameter(alternateParameter);

        List<RotationStep> steps =
        [
            new($"a new password for {to.Login} (not in use) into {to.Secret}",
                async ct =>
                {
                    password = SecretValues.Password(Math.Clamp(SecretValues.PasswordLength, passwordParameter.MinLength, passwordParameter.MaxLength ?? 128), to.Login);
                    await vault.WriteAsync(to.Secret, password, null, new Dictionary<string, string> { [RotationTags.Rotation] = id }, ct).ConfigureAwait(false);
                }, Done: resuming),
            new($"the migration job sets {to.Login}'s password; {from.Login} keeps its own, so both are valid",
                platform.RunMigrationJobAsync, Done: resuming),
            new($"{urlSecret.Name} points at {to.Login}",
                ct => vault.WriteAsync(urlSecret.Name, platform.DatabaseUrl(to.Login, password ?? throw new InvalidOperationException("the password was not written in this run")),
                    urlSecret.ContentType, new Dictionary<string, string> { [RotationTags.Login] = to.Login, [RotationTags.Rotation] = id }, ct),
                Done: resuming),
            new($"{string.Join(", ", readers)} rolled out: new replicas connect as {to.Login}, old ones keep {from.Login} until they stop",
                async ct =>
                {
                    foreach (var reader in readers)
                    {
                        await platform.RollOutAsync(reader, ct).ConfigureAwait(false);
                    }
                }),
            new($"close, step 1: {from.Secret} gets an unused random password (tagged retired by {id}); nothing connects as {from.Login} any more",
                ct => vault.WriteAsync(from.Secret,
                    SecretValues.Password(Math.Clamp(SecretValues.PasswordLength, passwordParameter.MinLength, passwordParameter.MaxLength ?? 128), from.Login), null,
                    new Dictionary<string, string> { [RotationTags.RetiredBy] = id }, ct),
                Done: retired),
            new($"close, step 2: the migration job sets it; {from.Login}'s old password stops working (then {urlSecret.Name} is tagged closed)",
                async ct =>
                {
                    await platform.RunMigrationJobAsync(ct).ConfigureAwait(false);
                    var tags = new Dictionary<string, string>((await vault.GetAsync(urlSecret.Name, ct).ConfigureAwait(false))?.Tags ?? new Dictionary<string, string>())
                    {
                        [RotationTags.Closed] = id,
                    };
                    await vault.UpdateTagsAsync(urlSecret.Name, tags, ct).ConfigureAwait(false);
                }),
        ];
        var note = resuming
            ? $"resuming rotation {id} on {platform.Name}: {urlSecret.Name} already points at {to.Login}"
            : $"a new rotation ({id}) on {platform.Name}: {from.Login} is in use, {to.Login} takes over";
        return new RotationPlan($"rotate {role}", note, steps);
    }

    private static async Task<RotationPlan> InPlaceAsync(RotationContext context, SecretSpec urlSecret, DatabaseUrlContent content, CancellationToken cancellationToken)
    {
        var (system, vault, platform) = (context.System, context.Vault, context.Platform);
        var role = content.Login;
        _ = await vault.GetAsync(urlSecret.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new RotationException($"{urlSecret.Name} does not exist in the vault: nothing to rotate. Fix: run `secrets init` (or deploy) first.");
        var parameter = system.SecureParameter(content.PasswordParameter);
        // Every secret made of this password (the URL, the administrator's password alone for getSecret).
        var holders = system.Secrets.Where(s => s.Content.Parameters.Contains(content.PasswordParameter)).ToList();
        var administrator = role == system.Database.AdministratorLogin;
        var id = RotationTags.NewId(context.Time);
        List<RotationStep> steps =
        [
            new($"a new password for {role} into {string.Join(" and ", holders.Select(h => h.Name))}",
                async ct =>
                {
                    var password = SecretValues.Password(Math.Clamp(SecretValues.PasswordLength, parameter.MinLength, parameter.MaxLength ?? 128), role);
                    foreach (var holder in holders)
                    {
                        var value = holder.Content is DatabaseUrlContent ? platform.DatabaseUrl(role, password) : password;
                        await vault.WriteAsync(holder.Name, value, holder.ContentType, new Dictionary<string, string> { [RotationTags.Rotation] = id }, ct).ConfigureAwait(false);
                    }
                }),
            administrator
                ? new($"the database server takes the new administrator password (a deployment of the data template)", platform.ApplyAdministratorPasswordAsync)
                : new($"the migration job sets {role}'s password, then connects with it (only the job uses {role})", platform.RunMigrationJobAsync),
        ];
        if (administrator)
        {
            steps.Add(new("the migration job runs with the new administrator URL (proves it works)", platform.RunMigrationJobAsync));
        }
        return new RotationPlan($"rotate {role}", $"a rotation in place ({id}) on {platform.Name}: only the migration job connects as {role}", steps);
    }

    private static IEnumerable<(SecretSpec Secret, DatabaseUrlContent Content)> UrlSecrets(SystemDescription system) =>
        system.Secrets.Where(s => s.Content is DatabaseUrlContent).Select(s => (s, (DatabaseUrlContent)s.Content));

    private static string PasswordSecret(SystemDescription system, string parameter) =>
        system.Secrets.FirstOrDefault(s => s.Content is ParameterContent p && p.Parameter == parameter)?.Name
        ?? throw new RotationException($"no Key Vault secret holds the password {parameter} alone: the migration job could not set it.");
}
