using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;

namespace Provisioning.Local;

/// <summary>
/// A local rendering of an environment: a throwaway PostgreSQL with database <c>todo</c>, migrated by the real
/// bundle, and the backend, mcp and frontend fixtures on free loopback ports, each given exactly the variables
/// <see cref="LocalComponentVariables"/> decides. Components can be stopped, restarted with changes (a fault switch,
/// a wrong value) and started again, so tests start the stack once and touch only what a scenario changes.
/// Disposing stops everything and deletes the run folder.
/// </summary>
public sealed class LocalStack : IAsyncDisposable
{
    /// <summary>The HTTP components, in start order.</summary>
    public static IReadOnlyList<string> HttpComponents => LocalComponents.Runnable;

    private readonly LocalStackOptions options;
    private readonly Dictionary<string, ComponentProcess> running = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private LocalStack(LocalStackOptions options, EnvironmentConfiguration configuration, LocalPostgres postgres, LocalEndpoints endpoints, string runDirectory)
    {
        this.options = options;
        Configuration = configuration;
        Postgres = postgres;
        Endpoints = endpoints;
        RunDirectory = runDirectory;
        Secrets = options.Secrets ?? LocalSecrets.New();
        AppDomain.CurrentDomain.ProcessExit += KillEverything;
    }

    public LocalPostgres Postgres { get; }
    public LocalEndpoints Endpoints { get; }
    public string EnvironmentName => options.EnvironmentName;

    /// <summary>The environment file this run renders, renamed to <see cref="EnvironmentName"/>.</summary>
    public EnvironmentConfiguration Configuration { get; }

    /// <summary>Logs of this run (one per component); deleted on dispose.</summary>
    public string RunDirectory { get; }

    /// <summary>
    /// This run's keys. Changing them changes what a component gets the next time it starts, as a deployment would:
    /// a key rotation is "set them, restart the backend (and then the others)".
    /// </summary>
    public LocalSecrets Secrets { get; set; }

    public IReadOnlyDictionary<string, string> VariablesOf(string component) =>
        LocalComponentVariables.For(component, Configuration, Endpoints, Secrets);

    public string LogPath(string component) => Path.Combine(RunDirectory, component + ".log");

    public static async Task<LocalStack> StartAsync(LocalStackOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.BundlePath))
        {
            throw new FileNotFoundException($"the migration bundle {options.BundlePath} does not exist (build it with scripts/build-bundle.sh)", options.BundlePath);
        }
        var configuration = LoadConfiguration(options);
        await NodePackages.EnsureAsync(options.Paths, options.Progress, cancellationToken).ConfigureAwait(false);

        Say(options, "starting PostgreSQL");
        var postgres = await LocalPostgres.StartAsync(cancellationToken).ConfigureAwait(false);
        LocalStack? stack = null;
        try
        {
            var database = TodoSystem.Description.Database.Name;
            await postgres.CreateDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
            var ports = DistinctFreePorts(HttpComponents.Count);
            var endpoints = new LocalEndpoints(HttpComponents.Select((c, i) => (c, ports[i])).ToDictionary(p => p.c, p => p.Item2, StringComparer.Ordinal),
                postgres.AdminUrl(database), $"{postgres.Host}:{postgres.Port}");
            stack = new LocalStack(options, configuration, postgres, endpoints, Directory.CreateTempSubdirectory("todo-local.").FullName);

            Say(options, "migrating with the bundle");
            var migration = await stack.MigrateAsync(cancellationToken).ConfigureAwait(false);
            if (migration.ExitCode != 0)
            {
                throw new InvalidOperationException($"the migration bundle exited {migration.ExitCode}:{Environment.NewLine}{migration.Output}");
            }
            foreach (var component in HttpComponents)
            {
                Say(options, $"starting {component}");
                await stack.StartComponentAsync(component, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            return stack;
        }
        catch
        {
            if (stack is not null)
            {
                await stack.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await postgres.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
    }

    /// <summary>Runs the migration bundle with the migrate component's variables (exit code and output returned).</summary>
    public Task<CommandResult> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrationBundle.RunAsync(options.BundlePath, VariablesOf(TodoSystem.Migrate), cancellationToken);

    /// <param name="changes">
    /// Variables set on top of what <see cref="LocalComponentVariables"/> decides, for this start only: a fixture's
    /// fault switch (FIXTURE_FAULT, FIXTURE_CLOCK_OFFSET_SECONDS) or a deliberately wrong value.
    /// </param>
    public async Task StartComponentAsync(string component, IReadOnlyDictionary<string, string>? changes = null, CancellationToken cancellationToken = default)
    {
        var launch = LaunchOf(component, changes);
        lock (gate)
        {
            if (running.ContainsKey(component))
            {
                throw new InvalidOperationException($"{component} is already running; stop it first");
            }
        }
        var process = await ComponentProcess.StartAsync(launch, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            running[component] = process;
        }
    }

    public async Task StopComponentAsync(string component)
    {
        ComponentProcess? process;
        lock (gate)
        {
            running.Remove(component, out process);
        }
        if (process is not null)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async Task RestartComponentAsync(string component, IReadOnlyDictionary<string, string>? changes = null, CancellationToken cancellationToken = default)
    {
        await StopComponentAsync(component).ConfigureAwait(false);
        await StartComponentAsync(component, changes, cancellationToken).ConfigureAwait(false);
    }

    public bool IsRunning(string component)
    {
        lock (gate)
        {
            return running.TryGetValue(component, out var process) && !process.HasExited;
        }
    }

    private ComponentLaunch LaunchOf(string component, IReadOnlyDictionary<string, string>? changes)
    {
        var paths = options.Paths;
        var variables = new Dictionary<string, string>(VariablesOf(component), StringComparer.Ordinal);
        var port = Endpoints.PortOf(component);
        var command = LocalComponents.Command(paths, component, port)
            ?? throw new InvalidOperationException($"{component} has no reference implementation to run in {paths.FixtureOf(component)} (server.mjs or app.py)");
        variables["PORT"] = Text(port);
        variables["HOST"] = "127.0.0.1";
        variables["PYTHONDONTWRITEBYTECODE"] = "1";
        variables["PYTHONUNBUFFERED"] = "1";
        foreach (var (name, value) in changes ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }
        return new ComponentLaunch(component, command.File, command.Arguments, command.Directory, port, HealthPath(component), variables, LogPath(component));
    }

    private static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int[] DistinctFreePorts(int count)
    {
        var ports = new HashSet<int>();
        for (var i = 0; i < count * 20 && ports.Count < count; i++)
        {
            ports.Add(FreePort.Next());
        }
        return ports.Count == count ? [.. ports] : throw new InvalidOperationException("could not find free loopback ports");
    }

    private static void Say(LocalStackOptions options, string line) => options.Progress?.WriteLine("local: " + line);

    private void KillEverything(object? sender, EventArgs e)
    {
        lock (gate)
        {
            foreach (var process in running.Values)
            {
                process.KillNow();
            }
        }
        Postgres.StopNow();
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillEverything;
        List<string> components;
        lock (gate)
        {
            components = [.. running.Keys];
        }
        foreach (var component in components)
        {
            await StopComponentAsync(component).ConfigureAwait(false);
        }
        await Postgres.DisposeAsync().ConfigureAwait(false);
        if (Directory.Exists(RunDirectory))
        {
            Directory.Delete(RunDirectory, recursive: true);
        }
    }

    private static string HealthPath(string component) =>
        TodoSystem.Description.Component(component).Health?.Path
        ?? throw new InvalidOperationException($"{component} declares no health path in the system model");

    /// <summary>The environment file to render (env/dev.json unless told otherwise), under the run's own name.</summary>
    private static EnvironmentConfiguration LoadConfiguration(LocalStackOptions options)
    {
        var file = options.EnvironmentFile ?? Path.Combine(options.Paths.RepositoryRoot, "env", "dev.json");
        var (configuration, problems) = ConfigurationLoader.Load(file);
        if (configuration is null || problems.Count > 0)
        {
            throw new InvalidOperationException($"{file} is not a valid environment file:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", problems));
        }
        return configuration with { Name = options.EnvironmentName };
    }
}
