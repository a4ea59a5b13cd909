using System.Collections.Immutable;
using System.Text.Json;
using Provisioning.Bicep.State;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Generation;

/// <summary>
/// An environment generated as production whose file now names another tier: every guard rail the production tier
/// enforces that the new file no longer has (locks, HA, private networking…).
/// </summary>
public sealed record TierDowngrade(string Environment, string EnvironmentFile, string From, string To, IReadOnlyList<ConfigurationProblem> RemovedGuardRails)
{
    public override string ToString() =>
        $"{EnvironmentFile}: $.tier: {Environment} was generated as a {From} environment (committed generated/{Environment}/{RecreateGuard.StateFileName}) " +
        $"and this file makes it '{To}', which {(RemovedGuardRails.Count == 0 ? "keeps every production guard rail for now but no longer enforces them" : $"removes {RemovedGuardRails.Count} guard rail(s): {string.Join(" ", RemovedGuardRails.Select(r => $"{r.JsonPath}: {r.Message}"))}")} " +
        $"Fix: set \"tier\": \"{From}\" again, or, if {Environment} is really to stop being production, rerun with --allow-tier-change {Environment}.";
}

/// <summary>The outcome of the tier guard over every environment of a run.</summary>
public sealed record TierCheck(ImmutableArray<TierDowngrade> Refused, ImmutableArray<TierDowngrade> Acknowledged, ImmutableArray<string> UnknownNames)
{
    public bool IsBlocked => !Refused.IsEmpty || !UnknownNames.IsEmpty;

    public IEnumerable<string> Problems() =>
        UnknownNames.Select(name => $"--allow-tier-change {name}: {name} does not leave the production tier in this run. Fix: remove --allow-tier-change {name}.")
            .Concat(Refused.Select(d => d.ToString()));

    /// <exception cref="TierChangeRefusedException">The check is blocked.</exception>
    public void ThrowIfBlocked()
    {
        if (IsBlocked)
        {
            throw new TierChangeRefusedException(this);
        }
    }
}

/// <summary>Thrown when generation would take an environment out of the production tier without acknowledgement.</summary>
public sealed class TierChangeRefusedException(TierCheck check) : Exception(string.Join('\n', check.Problems()))
{
    public TierCheck Check { get; } = check;
}

/// <summary>
/// A production environment cannot stop being one by an edit of its file alone: the committed state records the tier
/// each environment was generated as, and lowering it from production is refused unless acknowledged by name.
/// </summary>
public static class TierGuard
{
    /// <summary>The state label that records the tier.</summary>
    public const string TierLabel = "tier";

    /// <summary>The labels <see cref="EnvironmentGenerator"/> writes into the state: the tier, as the environment file spells it.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Labels(EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        yield return KeyValuePair.Create(TierLabel, Spelling(configuration.Tier));
    }

    /// <summary>The downgrade of <paramref name="next"/> against <paramref name="committed"/>, or null when it is none.</summary>
    public static TierDowngrade? Downgrade(DeploymentState? committed, EnvironmentConfiguration next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var production = Spelling(EnvironmentTier.Production);
        if (next.IsProduction || committed is null || !committed.Labels.TryGetValue(TierLabel, out var was) || was != production)
        {
            return null;
        }
        return new TierDowngrade(next.Name, next.SourceFile, was, Spelling(next.Tier), ConfigurationRules.MissingProductionGuardRails(next));
    }

    /// <param name="allowTierChange">Environments whose move out of production the caller acknowledged.</param>
    /// <exception cref="ConfigurationException">A committed state file cannot be read.</exception>
    public static TierCheck Check(string outputDirectory, GenerationResult result, IReadOnlyCollection<string> allowTierChange)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(allowTierChange);
        var unreadable = new List<ConfigurationProblem>();
        var downgrades = result.Configurations
            .Select(c => Downgrade(CommittedState.TryRead(outputDirectory, c.Name, unreadable), c))
            .OfType<TierDowngrade>()
            .ToList();
        if (unreadable.Count > 0)
        {
            throw new ConfigurationException(unreadable);
        }
        var allowed = allowTierChange.ToHashSet(StringComparer.Ordinal);
        return new TierCheck(
            [.. downgrades.Where(d => !allowed.Contains(d.Environment))],
            [.. downgrades.Where(d => allowed.Contains(d.Environment))],
            [.. allowed.Where(name => downgrades.All(d => d.Environment != name)).Order(StringComparer.Ordinal)]);
    }

    private static string Spelling(EnvironmentTier tier) => JsonNamingPolicy.CamelCase.ConvertName(tier.ToString());
}
