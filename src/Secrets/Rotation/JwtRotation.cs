using System.Globalization;

namespace Provisioning.Secrets.Rotation;

/// <summary>
/// `secrets rotate jwt`: the key rotation of docs/contract.md with no failed request, planned from the vault's state
/// so an interrupted run resumes. Azure Resource Manager never returns a value, so the old key is not copied anywhere:
/// the backend keeps it by referencing its version (<see cref="JwtBackendReferences.PinnedVersion"/>), and the new key
/// goes to jwt-secret-key-previous first, where only the backend reads it:
/// <list type="number">
/// <item>stage: a new key into jwt-secret-key-previous (tags: the rotation, the current key's version);</item>
/// <item>the backend accepts both: pinned to the old key's version, also reading the new key; rolled out;</item>
/// <item>promote: the same key written as jwt-secret-key (the only step that needs the value in memory);</item>
/// <item>the issuers (every other reader of jwt-secret-key) rolled out: they sign with the new key;</item>
/// <item>the window: the token lifetime after the last issuer moved (and after the platform's secret refresh delay past the promotion);</item>
/// <item>close, step 1: the backend stops referencing the previous key and its pin (rolled out);</item>
/// <item>close, step 2: the previous key's grants removed and the secret disabled.</item>
/// </list>
/// A run interrupted before the promotion starts again with a new key (the staged one was never used by an issuer);
/// after it, resumes at the issuers (or the window, once they moved); after close step 1, at close step 1 (idempotent).
/// </summary>
public static class JwtRotation
{
    public static async Task<RotationPlan> PlanAsync(RotationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vault = context.Vault;
        var platform = context.Platform;
        var current = await vault.GetAsync(TodoSystem.JwtSecretKeySecret, cancellationToken).ConfigureAwait(false)
            ?? throw new RotationException($"{TodoSystem.JwtSecretKeySecret} does not exist in the vault: nothing to rotate. Fix: run `secrets init` (or deploy) first.");
        var previous = await vault.GetAsync(TodoSystem.JwtSecretKeyPreviousSecret, cancellationToken).ConfigureAwait(false);
        var open = previous is { Enabled: true };
        var rotation = open ? previous!.Tag(RotationTags.Rotation) : null;
        var promoted = open && rotation is not null && current.Tag(RotationTags.Rotation) == rotation;
        var released = open && previous!.Tag(RotationTags.Phase) == RotationTags.Released;

        var id = promoted || released ? rotation! : RotationTags.NewId(context.Time);
        // The version the backend keeps during the window: the key issuers sign with now, or, on a resumed run after
        // the promotion, the one the staging step recorded.
        var pinned = promoted || released ? previous!.Tag(RotationTags.PinnedVersion) ?? current.Version : current.Version;
        var during = new JwtBackendReferences(true, pinned);
        var issuers = context.System.Components
            .Where(c => c.Name != TodoSystem.Backend && c.Variables.Any(v => v.Source is SecretValue s && s.Secret == TodoSystem.JwtSecretKeySecret))
            .Select(c => c.Name).ToList();
        var issuersAt = promoted ? previous!.Tag(RotationTags.IssuersAt) : null;
        string? newKey = null;
        var contentType = context.System.Secret(TodoSystem.JwtSecretKeySecret).ContentType;

        var note = (open, promoted, released) switch
        {
            (false, _, _) => $"a new rotation ({id}) on {platform.Name}",
            (true, _, true) => $"resuming rotation {id} on {platform.Name}: its window is closing",
            (true, true, _) => $"resuming rotation {id} on {platform.Name}: the new key is current",
            _ => $"restarting rotation on {platform.Name} as {id}: an earlier run ({rotation ?? "untagged"}) staged a key but never made it current; no issuer used it, so a new key replaces it",
        };

        List<RotationStep> steps =
        [
            new($"stage: write a new key into {TodoSystem.JwtSecretKeyPreviousSecret} (read only by the backend; tagged with the rotation and {TodoSystem.JwtSecretKeySecret}'s current version {pinned})",
                async ct =>
                {
                    newKey = SecretValues.Generate(context.System, context.System.SecureParameter(TodoSystem.JwtSecretKeyParameter))!;
                    await vault.WriteAsync(TodoSystem.JwtSecretKeyPreviousSecret, newKey, contentType, new Dictionary<string, string>
                    {
                        [RotationTags.Rotation] = id,
                        [RotationTags.PinnedVersion] = pinned,
                        [RotationTags.Phase] = RotationTags.Staged,
                    }, ct).ConfigureAwait(false);
                }, Done: promoted || released),
            new($"the backend accepts both keys: it reads {during} and is rolled out",
                ct => platform.ConfigureBackendKeyAsync(during, ct), Done: promoted || released),
            new($"promote: write the same key as {TodoSystem.JwtSecretKeySecret} (a new version; the backend stays on version {pinned} and the new key)",
                ct => vault.WriteAsync(TodoSystem.JwtSecretKeySecret, newKey ?? throw new InvalidOperationException("the new key was not staged in this run"), contentType,
                    new Dictionary<string, string> { [RotationTags.Rotation] = id }, ct),
                Done: promoted || released),
            new($"the issuers sign with the new key: {string.Join(", ", issuers)} rolled out one by one",
                async ct =>
                {
                    foreach (var issuer in issuers)
                    {
                        await platform.RollOutAsync(issuer, ct).ConfigureAwait(false);
                    }
                    await Tag(vault, RotationTags.IssuersAt, context.Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                }, Done: released || issuersAt is not null),
            new($"the window: the longest token life ({Minutes(context.TokenLifetime)}) after the last issuer moved, and at least {Minutes(context.TokenLifetime + platform.SecretRefreshDelay)} after the promotion (the platform's secret refresh, {Minutes(platform.SecretRefreshDelay)}, may hand a new replica the old key until then), so no token signed with the old key is still valid",
                async ct =>
                {
                    var promotedAt = (await vault.GetAsync(TodoSystem.JwtSecretKeySecret, ct).ConfigureAwait(false))?.Created ?? context.Time.GetUtcNow();
                    var movedAt = (await vault.GetAsync(TodoSystem.JwtSecretKeyPreviousSecret, ct).ConfigureAwait(false))?.Tag(RotationTags.IssuersAt) is { } text
                        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : context.Time.GetUtcNow();
                    var end = (promotedAt + platform.SecretRefreshDelay > movedAt ? promotedAt + platform.SecretRefreshDelay : movedAt) + context.TokenLifetime;
                    var remaining = end - context.Time.GetUtcNow();
                    if (remaining > TimeSpan.Zero)
                    {
                        await platform.WaitAsync(remaining, ct).ConfigureAwait(false);
                    }
                }, Done: released),
            new($"close, step 1: the backend stops referencing {TodoSystem.JwtSecretKeyPreviousSecret} and reads the latest {TodoSystem.JwtSecretKeySecret} (rolled out); the old key is refused from now on",
                async ct =>
                {
                    await Tag(vault, RotationTags.Phase, RotationTags.Released, ct).ConfigureAwait(false);
                    await platform.ConfigureBackendKeyAsync(JwtBackendReferences.Steady, ct).ConfigureAwait(false);
                }),
            new($"close, step 2: remove the grants on {TodoSystem.JwtSecretKeyPreviousSecret} and disable it",
                async ct =>
                {
                    await platform.RemoveSecretGrantsAsync(TodoSystem.JwtSecretKeyPreviousSecret, ct).ConfigureAwait(false);
                    await vault.DisableAsync(TodoSystem.JwtSecretKeyPreviousSecret, ct).ConfigureAwait(false);
                }),
        ];
        return new RotationPlan($"rotate {TodoSystem.JwtSecretKeySecret}", note, steps);
    }

    /// <summary>Adds or replaces one tag of jwt-secret-key-previous, keeping the others.</summary>
    private static async Task Tag(IRotationVault vault, string name, string value, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, string>((await vault.GetAsync(TodoSystem.JwtSecretKeyPreviousSecret, cancellationToken).ConfigureAwait(false))?.Tags
            ?? new Dictionary<string, string>()) { [name] = value };
        await vault.UpdateTagsAsync(TodoSystem.JwtSecretKeyPreviousSecret, tags, cancellationToken).ConfigureAwait(false);
    }

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0.#} s";
}
