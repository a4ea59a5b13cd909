namespace Provisioning.Probes.Platform;

/// <summary>
/// Names of the two checks that read the platform through Azure Resource Manager (DECISIONS.md, "Probe").
/// Kept here until the check metadata in CheckNames.cs absorbs them.
/// </summary>
public static class PlatformCheckNames
{
    public const string Migration = "platform.migration";
    public const string Revisions = "platform.revisions";

    /// <summary>The component both report under: what they judge is the hosting platform, not one app.</summary>
    public const string Component = "platform";
}
