namespace Provisioning.Secrets.Rotation;

/// <summary>
/// Where the workloads run, as a rotation drives them: Azure Container Apps (new revisions, the migration job, a
/// deployment of main.bicep) or the local stack standing in for them. Each call returns once what it started is
/// healthy, so the rotation's order is the order in which requests see the change.
/// </summary>
public interface IRotationPlatform
{
    /// <summary>What the rotation's lines call the target, e.g. "Azure (rg-todo-dev)" or "the local stack".</summary>
    string Name { get; }

    /// <summary>
    /// How long the platform may keep serving a replaced secret value to a new replica of a workload that references
    /// its latest version: Container Apps fetches a new version within 30 minutes. Added to the token lifetime before
    /// the old key is dropped.
    /// </summary>
    TimeSpan SecretRefreshDelay { get; }

    /// <summary>Makes the backend run with these key references (a new revision, healthy), then returns.</summary>
    Task ConfigureBackendKeyAsync(JwtBackendReferences references, CancellationToken cancellationToken);

    /// <summary>A new revision (or a restart) of the component that reads the secrets' current values; returns when it is healthy and serving.</summary>
    Task RollOutAsync(string component, CancellationToken cancellationToken);

    /// <summary>Runs the migration job to completion: as administrator it sets every login's password from the vault.</summary>
    Task RunMigrationJobAsync(CancellationToken cancellationToken);

    /// <summary>Makes the database server take the administrator password the vault now holds.</summary>
    Task ApplyAdministratorPasswordAsync(CancellationToken cancellationToken);

    /// <summary>Removes every role assignment scoped to the secret (the window's grant to the backend).</summary>
    Task RemoveSecretGrantsAsync(string secret, CancellationToken cancellationToken);

    /// <summary>The URL of a database login, in the form the components read.</summary>
    string DatabaseUrl(string login, string password);

    Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken);
}
