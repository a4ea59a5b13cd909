using Provisioning.Environments.Model;

namespace Provisioning.Local;

/// <summary>
/// Which components a local run starts and how: every container app of the catalogue (<see cref="WorkloadKind.App"/>)
/// runs from its reference implementation in <c>tests/Fixtures/&lt;component&gt;</c>, found by convention (a Node
/// <c>server.mjs</c> or a Python <c>app.py</c>), on its own loopback port. The migration job runs as the bundle, the
/// probe from the command line. A new app component of the catalogue therefore runs locally as soon as its fixture
/// exists, and a test fails while it does not.
/// </summary>
public static class LocalComponents
{
    /// <summary>
    /// The components a local run starts. Each start waits only for the component's own health path, and components
    /// call each other only when a request arrives, so the order does not matter.
    /// </summary>
    public static IReadOnlyList<string> Runnable { get; } =
        [.. TodoSystem.Components.Where(c => c.Kind == WorkloadKind.App).Select(c => c.Name)];

    /// <summary>The command that runs <paramref name="component"/> on <paramref name="port"/>; null when it has no fixture.</summary>
    public static (string File, IReadOnlyList<string> Arguments, string Directory)? Command(LocalPaths paths, string component, int port)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var directory = paths.FixtureOf(component);
        if (File.Exists(Path.Combine(directory, "server.mjs")))
        {
            return ("node", ["server.mjs"], directory);
        }
        if (File.Exists(Path.Combine(directory, "app.py")))
        {
            // /usr/bin/python3 on purpose: the Debian packages live there, another python3 may come first on PATH.
            return ("/usr/bin/python3", ["-m", "uvicorn", "app:app", "--app-dir", directory, "--host", "127.0.0.1", "--port",
                port.ToString(System.Globalization.CultureInfo.InvariantCulture)], directory);
        }
        return null;
    }
}
