namespace Provisioning.Probes.Platform;

/// <summary>One platform check as the deployment sees it, known without an ARM client (name, component, alert policy).</summary>
public sealed record PlatformCheckMetadata(string Name, string Component, AlertPolicy Alert);

/// <summary>The two platform checks, to append to <see cref="StandardChecks"/> when the host can reach ARM.</summary>
public static class PlatformChecks
{
    /// <summary>
    /// What the deployment needs to know about the checks <see cref="Create"/> returns: they are not in
    /// <see cref="StandardChecks"/> (they need an ARM reader), but they get alert rules like every other check.
    /// </summary>
    public static IReadOnlyList<PlatformCheckMetadata> Metadata { get; } =
    [
        new(PlatformCheckNames.Migration, PlatformCheckNames.Component, AlertPolicy.Availability),
        new(PlatformCheckNames.Revisions, PlatformCheckNames.Component, AlertPolicy.Availability),
    ];

    public static IReadOnlyList<IProbeCheck> Create(IPlatformReader reader, PlatformTargets targets)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(targets);
        return [new PlatformMigrationCheck(reader, targets), new PlatformRevisionsCheck(reader, targets)];
    }
}
