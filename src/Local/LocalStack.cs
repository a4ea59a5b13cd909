using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;
using Provisioning.Deployment;

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
    private readonly Dictionary<string, LocalIngress> ingresses = new(StringComparer.Ordinal);
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

    /// <summary>
    /// Where the components' secret variables come from instead of <see cref="Secrets"/>, when set: a rotation's
    /// <see cref="Rotation.LocalVault"/>, read the way a Key Vault reference reads the vault.
    /// </summary>
    public Rotation.LocalVault? Vault { get; set; }

    public IReadOnlyDictionary<string, string> VariablesOf(string component) =>
        LocalComponentVariables.For(component, Configuration, Endpoints, Secrets, Vault is { } vault ? vault.Resolve : null);

    public string LogPath(string component) => Path.Combine(RunDirectory, component + ".log");

    /// <summary>
    /// Starts the stack by the deployment's own stages (<see cref="DeploymentStages.All"/>, or
    /// <see cref="LocalStackOptions.Stages"/>), each rendered locally: a workload must be ready (its health endpoint
    /// answering 200, as the platform's readiness probe requires) when the workloads stage ends, so starting the
    /// backend before the migration created its role fails the run the way it fails a deployment.
    /// </summary>
    public static async Task<LocalStack> StartAsync(LocalStackOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var run = new LocalDeployment(options);
        try
        {
            await StageRunner.RunAsync(options.Stages ?? DeploymentStages.All, run.Actions, options.Progress ?? TextWriter.Null, "local", cancellationToken).ConfigureAwait(false);
            return run.Stack ?? throw new InvalidOperationException("the stages ended without a running stack (the data stage did not run)");
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static LocalStack Create(LocalStackOptions options, EnvironmentConfiguration configuration, LocalPostgres postgres, LocalEndpoints endpoints, string runDirectory, LocalSecrets secrets) =>
        new(options, configuration, postgres, endpoints, runDirectory) { Secrets = secrets };

    /// <summary>
    /// Waits until the component's health endpoint answers 200 (the platform's readiness view of a revision), up to
    /// <paramref name="limit"/>; false with the last answer otherwise.
    /// </summary>
    public Task<(bool Ready, string LastAnswer)> WaitHealthyAsync(string component, TimeSpan limit, CancellationToken cancellationToken = default) =>
        WaitHealthyAsync(Endpoints.PortOf(component), HealthPath(component), limit, cancellationToken);

    private static async Task<(bool Ready, string LastAnswer)> WaitHealthyAsync(int port, string path, TimeSpan limit, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://127.0.0.1:{port}{path}");
        var last = "no answer";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            try
            {
                using var response = await ReadinessClient.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return (true, $"{(int)response.StatusCode}");
                }
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                last = $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}".Trim();
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "no answer within 5 s";
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
        while (waited.Elapsed < limit);
        return (false, last);
    }

    private static readonly HttpClient ReadinessClient = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Runs the migration bundle with the migrate component's variables (exit code and output returned).</summary>
    public Task<CommandResult> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrationBundle.RunAsync(options.BundlePath, VariablesOf(TodoSystem.Migrate), cancellationToken);

    /// <param name="changes">
    /// Variables set on top of what <see cref="LocalComponentVariables"/> decides, for this start only: a fixture's
    /// fault switch (FIXTURE_FAULT, FIXTURE_CLOCK_OFFSET_SECONDS) or a deliberately wrong value.
    /// </param>
    public async Task StartComponentAsync(string component, IReadOnlyDictionary<string, string>? changes = null, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (running.ContainsKey(component))
            {
                throw new InvalidOperationException($"{component} is already running; stop it first");
            }
        }
        // With revisions the process listens on a port of its own and the ingress takes the public one.
        var launch = LaunchOf(component, changes, options.Revisions ? FreePort.Next() : Endpoints.PortOf(component));
        var process = await ComponentProcess.StartAsync(launch, cancellationToken).ConfigureAwait(false);
        if (options.Revisions)
        {
            try
            {
                var ingress = await LocalIngress.StartAsync(Endpoints.PortOf(component), cancellationToken).ConfigureAwait(false);
                ingress.SwitchTo(launch.Port);
                lock (gate)
                {
                    ingresses[component] = ingress;
                }
            }
            catch
            {
                await process.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        lock (gate)
        {
            running[component] = process;
        }
    }

    public async Task StopComponentAsync(string component)
    {
        ComponentProcess? process;
        LocalIngress? ingress;
        lock (gate)
        {
            running.Remove(component, out process);
            ingresses.Remove(component, out ingress);
        }
        if (ingress is not null)
        {
            await ingress.DisposeAsync().ConfigureAwait(false);
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

    /// <summary>How long a new revision may take to answer its health endpoint with 200, and the old one to finish its requests.</summary>
    private static readonly TimeSpan RolloutLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A new revision of the component, as Container Apps makes one in single revision mode: a new process with the
    /// component's variables as they are now (<see cref="VariablesOf"/>: the vault's current values), traffic switched
    /// to it once its health endpoint answers 200, the old process stopped once its requests have finished. Needs
    /// <see cref="LocalStackOptions.Revisions"/>.
    /// </summary>
    public async Task RollOutAsync(string component, CancellationToken cancellationToken = default)
    {
        LocalIngress? ingress;
        lock (gate)
        {
            ingresses.TryGetValue(component, out ingress);
        }
        if (!options.Revisions || ingress is null)
        {
            throw new InvalidOperationException(options.Revisions
                ? $"{component} is not running: start it before rolling it out"
                : "a roll-out needs the ingress of LocalStackOptions.Revisions; without it only a restart (stop, start) is possible");
        }
        var launch = LaunchOf(component, null, FreePort.Next());
        var next = await ComponentProcess.StartAsync(launch, cancellationToken).ConfigureAwait(false);
        var (ready, answer) = await WaitHealthyAsync(launch.Port, HealthPath(component), RolloutLimit, cancellationToken).ConfigureAwait(false);
        if (!ready)
        {
            await next.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{component}'s new revision did not become healthy within {RolloutLimit.TotalSeconds:0} s (last answer: {answer}); the old one keeps serving");
        }
        var old = ingress.SwitchTo(launch.Port);
        ComponentProcess? previous;
        lock (gate)
        {
            running.Remove(component, out previous);
            running[component] = next;
        }
        if (old is not null)
        {
            await LocalIngress.DrainAsync(old, RolloutLimit, cancellationToken).ConfigureAwait(false);
        }
        if (previous is not null)
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }
    }

    public bool IsRunning(string component)
    {
        lock (gate)
        {
            return running.TryGetValue(component, out var process) && !process.HasExited;
        }
    }

    private ComponentLaunch LaunchOf(string component, IReadOnlyDictionary<string, string>? changes, int port)
    {
        var paths = options.Paths;
        var variables = new Dictionary<string, string>(VariablesOf(component), StringComparer.Ordinal);
        foreach (var (name, value) in options.FixtureVariables?.GetValueOrDefault(component) ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }
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

    internal static int[] DistinctFreePorts(int count)
    {
        var ports = new HashSet<int>();
        for (var i = 0; i < count * 20 && ports.Count < count; i++)
        {
            ports.Add(FreePort.Next());
        }
        return ports.Count == count ? [.. ports] : throw new InvalidOperationException("could not find free loopback ports");
    }

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
    internal static EnvironmentConfiguration LoadConfiguration(LocalStackOptions options)
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
