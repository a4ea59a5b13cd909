using Azure.Core;
using Azure.ResourceManager;
using Provisioning.Environments.Model;

namespace Provisioning.Secrets;

/// <summary>
/// `secrets init`: creates in the environment's Key Vault only the secrets that do not exist yet, and never overwrites
/// one, so re-running it (every deployment does) changes nothing and two operators cannot roll each other back.
/// Secrets made of the same parameter (a password, the database URL around it, its copy for the migration job) are
/// one group: created together from one value, so they always agree. The optional rotation secret
/// (<c>jwt-secret-key-previous</c>) is the rotation's business, not init's.
/// </summary>
public sealed class SecretsInitializer(TokenCredential credential, ArmClientOptions options)
{
    /// <summary>The tag every resource of an environment carries with its name (the templates' <c>tags</c>).</summary>
    public const string EnvironmentTag = "azd-env-name";

    private readonly ArmVault vault = new(credential, options);

    /// <summary>What init would do, read from the vault; writes nothing.</summary>
    /// <exception cref="SecretsInitException">The vault cannot be found or read, or belongs to another environment.</exception>
    public async Task<SecretsPlan> PlanAsync(SecretsInitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = await vault.FindTargetAsync(request.SubscriptionId, request.ResourceGroup, cancellationToken).ConfigureAwait(false);
        var tags = await vault.GetVaultTagsAsync(target, cancellationToken).ConfigureAwait(false);
        var name = request.Environment.Name;
        if (!tags.TryGetValue(EnvironmentTag, out var owner) || !string.Equals(owner, name, StringComparison.Ordinal))
        {
            // A wrong -g would otherwise fill another environment's vault with this one's secrets.
            throw new SecretsInitException(
                $"the vault {target.VaultName} in {request.ResourceGroup} is tagged {EnvironmentTag}={owner ?? "(none)"}, not {name}: nothing was written. " +
                $"Fix: pass the resource group environment {name} is deployed in.");
        }
        var existing = await vault.ListSecretNamesAsync(target, cancellationToken).ConfigureAwait(false);
        return Plan(request, target, existing);
    }

    /// <summary>
    /// Plans, then creates every missing secret, or none when one of them has no value (<see cref="SecretsPlan.CanApply"/>).
    /// </summary>
    /// <exception cref="SecretsInitException">The vault cannot be found, read or written.</exception>
    public async Task<SecretsInitResult> InitializeAsync(SecretsInitRequest request, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(request, cancellationToken).ConfigureAwait(false);
        if (!plan.CanApply)
        {
            return new SecretsInitResult(plan, [], []);
        }
        var system = request.System;
        var created = new List<string>();
        var elsewhere = new List<string>();
        foreach (var group in plan.ToCreate.GroupBy(s => s.Parameter))
        {
            var parameter = system.SecureParameter(group.Key);
            var first = group.First();
            var value = first.State == SecretState.FromVariable
                ? request.EnvironmentVariables(first.Variable!)!
                : SecretValues.Generate(system, parameter)!;
            foreach (var planned in group)
            {
                var secret = system.Secret(planned.Name);
                var content = SecretComposition.Compose(system, secret, value, plan.Target.DatabaseHost);
                var wrote = await vault.CreateSecretAsync(plan.Target, secret.Name, content, secret.ContentType, cancellationToken).ConfigureAwait(false);
                (wrote ? created : elsewhere).Add(secret.Name);
            }
        }
        return new SecretsInitResult(plan, created, elsewhere);
    }

    /// <summary>The plan for a vault holding <paramref name="existing"/>: pure, so every case is testable without Azure.</summary>
    internal static SecretsPlan Plan(SecretsInitRequest request, SecretsTarget target, IReadOnlySet<string> existing)
    {
        var system = request.System;
        var planned = new List<PlannedSecret>();
        var secrets = system.SecretsFor(request.Environment).Where(s => !system.IsOptional(s)).ToList();
        foreach (var group in secrets.GroupBy(s => s.Content.Parameters.Single()))
        {
            var parameter = system.SecureParameter(group.Key);
            var present = group.Where(s => existing.Contains(s.Name)).Select(s => s.Name).ToList();
            var absent = group.Where(s => !existing.Contains(s.Name)).ToList();
            planned.AddRange(present.Select(n => new PlannedSecret(n, parameter.Name, SecretState.Exists, null, "exists; left as it is")));
            if (absent.Count == 0)
            {
                continue;
            }
            var variable = request.EnvironmentVariables(parameter.Variable);
            var lengthProblem = variable is null ? null : LengthProblem(parameter, variable);
            var (state, note) = (parameter.External, present.Count > 0) switch
            {
                _ when !string.IsNullOrEmpty(variable) && lengthProblem is null =>
                    (SecretState.FromVariable, $"created from {parameter.Variable}"),
                (true, _) => (SecretState.Missing,
                    lengthProblem is not null ? $"{parameter.Variable} {lengthProblem}" :
                    $"an external credential nothing here can make. Fix: set {parameter.Variable} (e.g. `export {parameter.Variable}=…` from your secret store) and run `secrets init` again"),
                (false, true) => (SecretState.Missing,
                    lengthProblem is not null ? $"{parameter.Variable} {lengthProblem}" :
                    $"{string.Join(", ", present)} already holds this value and ARM never returns a value, so a fresh one would disagree with it. " +
                    $"Fix: set {parameter.Variable} to the value inside {present[0]} (read it with `az keyvault secret show --vault-name {target.VaultName} --name {present[0]}`) and run `secrets init` again"),
                (false, false) => (SecretState.Generate, "created with a fresh random value"),
            };
            planned.AddRange(absent.Select(s => new PlannedSecret(s.Name, parameter.Name, state, state is SecretState.Generate ? null : parameter.Variable, note)));
        }
        // Catalogue order, whatever the grouping did: the printed plan reads like the README's table.
        var order = secrets.Select(s => s.Name).ToList();
        return new SecretsPlan(target, [.. planned.OrderBy(p => order.IndexOf(p.Name))]);
    }

    private static string? LengthProblem(SecureParameterSpec parameter, string value) =>
        value.Length < parameter.MinLength ? $"is shorter than the {parameter.MinLength} characters the parameter needs"
        : parameter.MaxLength is { } max && value.Length > max ? $"is longer than the {max} characters the parameter allows"
        : null;
}
