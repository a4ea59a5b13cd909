using Provisioning.Secrets.Rotation;

namespace Provisioning.Local.Rotation;

/// <summary>
/// A rotation's platform in the local stack: a new revision is <see cref="LocalStack.RollOutAsync"/> (the new process
/// takes the traffic once healthy, the old one drains), the migration job is the real bundle, and the probe, which
/// runs in the test process, takes the values of the moment it is "rolled out" (<see cref="ProbeVariables"/>).
/// </summary>
public sealed class LocalRotationPlatform(LocalStack stack, LocalVault vault) : IRotationPlatform
{
    private IReadOnlyDictionary<string, string> probeVariables = stack.VariablesOf(TodoSystem.Probe);

    public string Name => "the local stack";

    /// <summary>A local process reads its variables when it starts: no platform cache to wait for.</summary>
    public TimeSpan SecretRefreshDelay => TimeSpan.Zero;

    /// <summary>The probe's variables as of its last roll-out: what it signs and connects with.</summary>
    public IReadOnlyDictionary<string, string> ProbeVariables => Volatile.Read(ref probeVariables);

    public Task ConfigureBackendKeyAsync(JwtBackendReferences references, CancellationToken cancellationToken)
    {
        vault.BackendReferences = references;
        return stack.RollOutAsync(TodoSystem.Backend, cancellationToken);
    }

    public Task RollOutAsync(string component, CancellationToken cancellationToken)
    {
        if (component == TodoSystem.Probe)
        {
            Volatile.Write(ref probeVariables, stack.VariablesOf(TodoSystem.Probe));
            return Task.CompletedTask;
        }
        return stack.RollOutAsync(component, cancellationToken);
    }

    public async Task RunMigrationJobAsync(CancellationToken cancellationToken)
    {
        var run = await stack.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new RotationException($"the migration bundle exited {run.ExitCode}: {run.Output.Trim().Split('\n').LastOrDefault()}");
        }
    }

    public Task ApplyAdministratorPasswordAsync(CancellationToken cancellationToken) =>
        throw new RotationException("the local server's administrator is its own superuser, which a local run does not rotate; rotate todoadmin against Azure.");

    /// <summary>No role assignments locally: reading a secret needs none.</summary>
    public Task RemoveSecretGrantsAsync(string secret, CancellationToken cancellationToken) => Task.CompletedTask;

    public string DatabaseUrl(string login, string password) => stack.Endpoints.DatabaseUrl(login, password);

    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
}
