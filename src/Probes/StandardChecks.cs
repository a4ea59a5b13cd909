using Provisioning.Probes.Checks;

namespace Provisioning.Probes;

/// <summary>
/// The implementations of the catalogue's checks that need no Azure Resource Manager (the platform ones are in
/// <see cref="Platform.PlatformChecks"/>), in the catalogue's order. The deployment reads the catalogue
/// (<see cref="TodoSystem.Checks"/>), not this list; a test holds the two to one implementation per check.
/// </summary>
public static class StandardChecks
{
    public static IReadOnlyList<IProbeCheck> Create() => Create(new DatabaseSchemaCheck());

    /// <summary>The names of <see cref="Create()"/>'s checks, in the order they run and report.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Create().Select(c => c.Name)];

    /// <summary>Same checks with a substitute for the database check (tests without PostgreSQL).</summary>
    public static IReadOnlyList<IProbeCheck> Create(IProbeCheck databaseCheck) =>
    [
        new FrontendReachableCheck(),
        new FrontendConfigCheck(),
        new BackendHealthCheck(),
        new BackendAuthRejectsCheck(),
        new BackendAuthAcceptsCheck(),
        new BackendAuthzCheck(),
        new McpHandshakeCheck(),
        new McpBackendCheck(),
        databaseCheck,
    ];
}
