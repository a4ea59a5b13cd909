namespace Provisioning.Secrets.Rotation;

/// <summary>
/// The tags a rotation writes on the secrets it changes: its progress, readable through Azure Resource Manager like
/// any metadata (never a value), so a re-run knows where the last one stopped and a deployment knows which key
/// version the backend must keep.
/// </summary>
public static class RotationTags
{
    /// <summary>The rotation that wrote this version (a UTC time stamp, <see cref="NewId"/>).</summary>
    public const string Rotation = "rotation";

    /// <summary>On jwt-secret-key-previous: the version of jwt-secret-key the backend keeps referencing during the window.</summary>
    public const string PinnedVersion = "pinned-version";

    /// <summary>On jwt-secret-key-previous: <see cref="Released"/> once the backend no longer needs it.</summary>
    public const string Phase = "phase";

    /// <summary>On jwt-secret-key-previous: when the last issuer started signing with the new key (ISO 8601, UTC).</summary>
    public const string IssuersAt = "issuers-at";

    public const string Staged = "staged";
    public const string Released = "released";

    /// <summary>On a database URL secret: the login it names (the role or its alternate login).</summary>
    public const string Login = "login";

    /// <summary>On a login's password secret: the rotation that moved its component away and replaced its password.</summary>
    public const string RetiredBy = "retired-by";

    /// <summary>On a database URL secret: the rotation whose close finished (the old login's password no longer works).</summary>
    public const string Closed = "closed";

    public static string NewId(TimeProvider time) =>
        (time ?? throw new ArgumentNullException(nameof(time))).GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
