using System.Globalization;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;
using Provisioning.Secrets.Rotation;

namespace Provisioning.Local.Rotation;

/// <summary>
/// The local counterpart of the environment's Key Vault for a rotation: every secret of the catalogue with its
/// versions, tags and enabled flag, filled from the local run's values. It is also where the local stack's components
/// read their secret variables from (<see cref="Resolve"/>), the way a Key Vault reference reads the vault: the latest
/// enabled version, or the pinned one, and the previous key only while the backend is configured to read it.
/// </summary>
public sealed class LocalVault : IRotationVault
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<Version>> secrets = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private int counter;

    private sealed record Version(string Id, string Value, DateTimeOffset Created, IReadOnlyDictionary<string, string> Tags, bool Enabled);

    public LocalVault(EnvironmentConfiguration configuration, LocalEndpoints endpoints, LocalSecrets values, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(values);
        this.time = time ?? TimeProvider.System;
        var system = TodoSystem.Description;
        foreach (var secret in system.SecretsFor(configuration).Where(s => !system.IsOptional(s)))
        {
            var value = secret.Content switch
            {
                ParameterContent p => values.ParameterValue(p.Parameter),
                DatabaseUrlContent u when u.Login == system.Database.AdministratorLogin => endpoints.DatabaseAdminUrl,
                DatabaseUrlContent u => values.ParameterValue(u.PasswordParameter) is { } password ? endpoints.DatabaseUrl(u.Login, password) : null,
                _ => null,
            };
            if (value is not null)
            {
                Add(secret.Name, value, new Dictionary<string, string>());
            }
        }
    }

    /// <summary>The backend's key references, as the last deployment (here: the last configuration) gave them.</summary>
    public JwtBackendReferences BackendReferences { get; set; } = JwtBackendReferences.Steady;

    /// <summary>
    /// What a component's variable that references <paramref name="reference"/> holds when it starts now; null when
    /// the variable is absent (an optional secret outside a rotation window, a disabled or missing secret).
    /// </summary>
    public string? Resolve(string component, SecretValue reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var system = TodoSystem.Description;
        if (system.IsOptional(system.Secret(reference.Secret)) && !(component == TodoSystem.Backend && BackendReferences.Previous))
        {
            return null;
        }
        var pinned = component == TodoSystem.Backend && reference.PinnedBy is not null ? BackendReferences.PinnedVersion : null;
        lock (gate)
        {
            if (!secrets.TryGetValue(reference.Secret, out var versions))
            {
                return null;
            }
            var version = pinned is null ? versions[^1] : versions.SingleOrDefault(v => v.Id == pinned)
                ?? throw new InvalidOperationException($"{component}: {reference.Secret} has no version {pinned}");
            return version.Enabled ? version.Value : null;
        }
    }

    /// <summary>The latest value of a secret (tests: what the rotation wrote).</summary>
    public string? Latest(string name)
    {
        lock (gate)
        {
            return secrets.TryGetValue(name, out var versions) && versions[^1].Enabled ? versions[^1].Value : null;
        }
    }

    public Task<VaultSecretInfo?> GetAsync(string name, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(secrets.TryGetValue(name, out var versions) ? Info(name, versions[^1]) : null);
        }
    }

    public Task<VaultSecretInfo> WriteAsync(string name, string value, string? contentType, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        Task.FromResult(Add(name, value, tags));

    public Task UpdateTagsAsync(string name, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        Change(name, v => v with { Tags = new Dictionary<string, string>(tags) });

    public Task DisableAsync(string name, CancellationToken cancellationToken) => Change(name, v => v with { Enabled = false });

    private VaultSecretInfo Add(string name, string value, IReadOnlyDictionary<string, string> tags)
    {
        lock (gate)
        {
            var version = new Version((++counter).ToString("x8", CultureInfo.InvariantCulture), value, time.GetUtcNow(), new Dictionary<string, string>(tags), true);
            if (!secrets.TryGetValue(name, out var versions))
            {
                secrets[name] = versions = [];
            }
            versions.Add(version);
            return Info(name, version);
        }
    }

    private Task Change(string name, Func<Version, Version> change)
    {
        lock (gate)
        {
            var versions = secrets.TryGetValue(name, out var found) ? found : throw new InvalidOperationException($"{name} does not exist");
            versions[^1] = change(versions[^1]);
        }
        return Task.CompletedTask;
    }

    private static VaultSecretInfo Info(string name, Version version) => new(name, version.Id, version.Enabled, version.Tags, version.Created);
}
