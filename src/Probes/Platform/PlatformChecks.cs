namespace Provisioning.Probes.Platform;

/// <summary>The two platform checks, to append to <see cref="StandardChecks"/> when the host can reach ARM.</summary>
public static class PlatformChecks
{
    public static IReadOnlyList<IProbeCheck> Create(IPlatformReader reader, PlatformTargets targets)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(targets);
        return [new PlatformMigrationCheck(reader, targets), new PlatformRevisionsCheck(reader, targets)];
    }
}
