namespace Provisioning.Database.Compatibility;

/// <summary>
/// The reviewed marker on a migration that the release still running when it is applied cannot survive (it drops,
/// renames or narrows something, or adds a required column the old code does not fill). Migrations run before the
/// new version goes live, so such a change needs a plan: usually expand now, contract in a later release, once no
/// running version uses the old shape. <see cref="Reason"/> says why this one may break the rule and how the outage
/// is avoided; review it like code.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BreaksRunningReleaseAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
