using Provisioning.Database.Configuration;

namespace Provisioning.Probes;

/// <summary>
/// Everything a run needs: the three public endpoints, the two secrets and the environment name.
/// Build it with <see cref="ProbeSettingsReader"/>, which reports every problem at once.
/// </summary>
/// <remarks>
/// ToString is overridden: the record's generated one would print the secrets into any log line or
/// assertion message that formats the settings.
/// </remarks>
public sealed record ProbeSettings
{
    /// <summary>Leaves 15 s of the one-minute schedule for reporting, even when every check hangs.</summary>
    public static readonly TimeSpan DefaultRunDeadline = TimeSpan.FromSeconds(45);

    public required Uri FrontendUrl { get; init; }
    public required Uri BackendUrl { get; init; }
    public required Uri McpUrl { get; init; }

    /// <summary>HS256 key shared with the backend (secret).</summary>
    public required string JwtSecretKey { get; init; }

    /// <summary>PostgreSQL URL or keyword connection string (secret: contains the password).</summary>
    public required string DatabaseUrl { get; init; }

    /// <summary>dev, staging, prod…; names the synthetic user <c>probe-&lt;env&gt;</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>
    /// The operator's override of every check's time limit (PROBE_CHECK_TIMEOUT_SECONDS); null leaves each check the
    /// limit the contract gives it (<see cref="CheckSpec.TimeLimit"/>).
    /// </summary>
    public TimeSpan? CheckTimeout { get; init; }
    public TimeSpan RunDeadline { get; init; } = DefaultRunDeadline;

    /// <summary>How long <paramref name="check"/> may take in this run: the one place a check's time limit is decided.</summary>
    public TimeSpan TimeLimit(IProbeCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return CheckTimeout ?? check.Spec.TimeLimit;
    }

    /// <summary>
    /// How many time limits the probe waits for an answer before calling it "no answer" (<see cref="FailureKind.Timeout"/>).
    /// An answer that comes after the limit but within this wait is timed and reported <see cref="FailureKind.Slow"/>
    /// with both figures: cut off at the limit itself, an 8 s answer to a 5 s limit would look like no answer at all.
    /// </summary>
    public const int WaitLimits = 3;

    /// <summary>How long the probe waits for <paramref name="check"/>'s answer: <see cref="WaitLimits"/> times its limit (the run deadline still bounds it).</summary>
    public TimeSpan Wait(IProbeCheck check) => TimeLimit(check) * WaitLimits;

    /// <summary>Where the probe runs; outside the environment it does not run the checks only the inside can reach.</summary>
    public ProbeLocation Location { get; init; } = ProbeLocation.Inside;

    /// <summary>The synthetic user the probe reads as, so it never touches real users' data.</summary>
    public string ProbeUserId => "probe-" + Environment;

    /// <summary>A second synthetic user whose tasks the probe's token must not read (<c>backend.authz</c>).</summary>
    public string PeerUserId => ProbeUserId + "-peer";

    /// <summary>Replaces any secret (and the database password alone) in <paramref name="text"/> with ***.</summary>
    public string Redact(string text)
    {
        return CredentialMask.Apply(text, Secrets());
    }

    public override string ToString() =>
        $"environment {Environment} ({Location.ToString().ToLowerInvariant()}): frontend {FrontendUrl}, backend {BackendUrl}, mcp {McpUrl}, JWT_SECRET_KEY ***, DATABASE_URL ***";

    private IEnumerable<string> Secrets()
    {
        // Whole values only (CredentialMask), so even a short password is masked without garbling ordinary words.
        var secrets = new List<string> { DatabaseUrl, JwtSecretKey };
        secrets.AddRange(DatabasePasswordCandidates(DatabaseUrl));
        return secrets.Distinct(StringComparer.Ordinal);
    }

    private static IEnumerable<string> DatabasePasswordCandidates(string databaseUrl)
    {
        if (Uri.TryCreate(databaseUrl, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            var encoded = uri.UserInfo[(uri.UserInfo.IndexOf(':', StringComparison.Ordinal) + 1)..];
            yield return encoded;
            yield return Uri.UnescapeDataString(encoded);
        }
        foreach (var part in databaseUrl.Split(';'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq].Trim().Equals("Password", StringComparison.OrdinalIgnoreCase))
            {
                yield return part[(eq + 1)..].Trim();
            }
        }
    }
}
