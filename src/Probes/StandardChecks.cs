namespace Provisioning.Probes;

/// <summary>
/// The catalogue's checks that need no Azure Resource Manager (the platform ones are in
/// <see cref="Platform.PlatformChecks"/>), in the catalogue's order (<see cref="TodoSystem.Checks"/>). Each is the
/// probe's one implementation of that check, found by its name: adding a check is its catalogue entry and its class,
/// with no list to edit here. A catalogue check without an implementation fails the first call, and a test holds the
/// two to one implementation per check.
/// </summary>
public static class StandardChecks
{
    // Every check class that can be built without arguments, by the name it reports.
    private static readonly IReadOnlyDictionary<string, Func<IProbeCheck>> Implementations = typeof(StandardChecks).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IProbeCheck).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (Func<IProbeCheck>)(() => (IProbeCheck)Activator.CreateInstance(t)!))
        .ToDictionary(create => create().Name, StringComparer.Ordinal);

    public static IReadOnlyList<IProbeCheck> Create() => Create(substitute: null);

    /// <summary>The names of <see cref="Create()"/>'s checks, in the order they run and report.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Create().Select(c => c.Name)];

    /// <summary>Same checks with <paramref name="substitute"/> in place of the one of the same name (tests without PostgreSQL).</summary>
    public static IReadOnlyList<IProbeCheck> Create(IProbeCheck? substitute) =>
    [
        .. TodoSystem.Description.Checks.Where(c => c.Component != CheckComponents.Platform).Select(c =>
            c.Name == substitute?.Name ? substitute
            : Implementations.TryGetValue(c.Name, out var create) ? create()
            : throw new InvalidOperationException($"The catalogue's check '{c.Name}' has no implementation in the probe (a class implementing IProbeCheck whose Name is it).")),
    ];
}
