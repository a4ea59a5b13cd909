using Provisioning.Deployment;
using Provisioning.Environments.Configuration;

namespace Provisioning.Local;

/// <summary>
/// The deployment's stages rendered on this machine, one action per stage of <see cref="DeploymentStages.All"/>:
/// what Azure's bootstrap, registry and vault are for a deployment, the run folder, ports and keys are here; the
/// data stage starts PostgreSQL; the migration stage runs the real bundle, which creates the roles; the workloads
/// stage starts the fixtures and requires each to be ready. Each action relies on what the stages before it made,
/// and fails (rather than improvises) when one of them has not run.
/// </summary>
internal sealed class LocalDeployment(LocalStackOptions options) : IAsyncDisposable
{
    /// <summary>
    /// How long a workload that answers may stay unready: as long as the platform's readiness probe gives a replica
    /// before it takes it out of rotation (three misses, ten seconds apart). The wait starts once the process answers
    /// at all (<see cref="ComponentProcess"/> bounds its start), so a slow machine spends its time before it.
    /// </summary>
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(HealthSpec.FailureThreshold * HealthSpec.ReadinessPeriodSeconds);

    private EnvironmentConfiguration? configuration;
    private string? runDirectory;
    private int[]? ports;
    private LocalSecrets? secrets;
    private LocalPostgres? postgres;

    public LocalStack? Stack { get; private set; }

    public StageActions Actions => new(CheckAsync, BootstrapAsync, SecretsAsync, ImagesAsync, DataAsync, MigrationAsync, WorkloadsAsync, VerificationAsync);

    private Task CheckAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(options.BundlePath))
        {
            throw new FileNotFoundException($"the migration bundle {options.BundlePath} does not exist (build it with scripts/build-bundle.sh)", options.BundlePath);
        }
        configuration = LocalStack.LoadConfiguration(options);
        return Task.CompletedTask;
    }

    private Task BootstrapAsync(CancellationToken cancellationToken)
    {
        runDirectory = Directory.CreateTempSubdirectory("todo-local.").FullName;
        ports = LocalStack.DistinctFreePorts(LocalStack.HttpComponents.Count);
        return Task.CompletedTask;
    }

    private Task SecretsAsync(CancellationToken cancellationToken)
    {
        secrets = options.Secrets ?? LocalSecrets.New();
        return Task.CompletedTask;
    }

    /// <summary>The fixtures' packages stand for the application images; the bundle for the migrate image.</summary>
    private Task ImagesAsync(CancellationToken cancellationToken) => NodePackages.EnsureAsync(options.Paths, options.Progress, cancellationToken);

    private async Task DataAsync(CancellationToken cancellationToken)
    {
        var rendered = Require(configuration, DeploymentStages.Check);
        var loopbackPorts = Require(ports, DeploymentStages.Bootstrap);
        var keys = Require(secrets, DeploymentStages.Secrets);
        postgres = await LocalPostgres.StartAsync(cancellationToken).ConfigureAwait(false);
        var database = TodoSystem.Description.Database.Name;
        await postgres.CreateDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
        var endpoints = new LocalEndpoints(LocalStack.HttpComponents.Select((c, i) => (c, loopbackPorts[i])).ToDictionary(p => p.c, p => p.Item2, StringComparer.Ordinal),
            postgres.AdminUrl(database), $"{postgres.Host}:{postgres.Port}");
        Stack = LocalStack.Create(options, rendered, postgres, endpoints, Require(runDirectory, DeploymentStages.Bootstrap), keys);
    }

    private async Task MigrationAsync(CancellationToken cancellationToken)
    {
        var migration = await Require(Stack, DeploymentStages.Data).MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (migration.ExitCode != 0)
        {
            throw new StageFailedException($"the migration bundle exited {migration.ExitCode}:{Environment.NewLine}{migration.Output}");
        }
    }

    private async Task WorkloadsAsync(CancellationToken cancellationToken)
    {
        var stack = Require(Stack, DeploymentStages.Data);
        foreach (var component in LocalStack.HttpComponents)
        {
            options.Progress?.WriteLine($"local: starting {component}");
            await stack.StartComponentAsync(component, cancellationToken: cancellationToken).ConfigureAwait(false);
            var (ready, answer) = await stack.WaitHealthyAsync(component, ReadyLimit, cancellationToken).ConfigureAwait(false);
            if (!ready)
            {
                throw new StageFailedException($"{component} did not become ready within {ReadyLimit.TotalSeconds:0} s: its health endpoint answered {answer} (log: {stack.LogPath(component)}).");
            }
        }
    }

    /// <summary>Every workload is still ready once all of them run (the probe itself: `provisioning probe` against these URLs).</summary>
    private async Task VerificationAsync(CancellationToken cancellationToken)
    {
        var stack = Require(Stack, DeploymentStages.Workloads);
        foreach (var component in LocalStack.HttpComponents)
        {
            var (ready, answer) = await stack.WaitHealthyAsync(component, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            if (!ready)
            {
                throw new StageFailedException($"{component} is not healthy once every workload runs: {answer}.");
            }
        }
    }

    private static T Require<T>(T? value, DeploymentStage stage) where T : class =>
        value ?? throw new StageFailedException($"this needs what stage {stage.Name} makes, and it has not run yet.");

    public async ValueTask DisposeAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync().ConfigureAwait(false);
            }
            if (runDirectory is not null && Directory.Exists(runDirectory))
            {
                Directory.Delete(runDirectory, recursive: true);
            }
        }
    }
}
