using System.Collections.Immutable;
using Provisioning.Bicep.State;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Generation;

/// <summary>A create-only change in one environment, with the environment file that asked for it.</summary>
public sealed record EnvironmentViolation(string Environment, string EnvironmentFile, CreateOnlyViolation Violation);

/// <summary>
/// The outcome of comparing every generated environment with its committed state: refused changes, changes the caller
/// acknowledged with <c>--allow-recreate</c>, and acknowledgements that match nothing (a typo, or a flag left behind).
/// </summary>
public sealed record RecreateCheck(
    ImmutableArray<EnvironmentViolation> Refused,
    ImmutableArray<EnvironmentViolation> Acknowledged,
    ImmutableArray<string> UnknownNames)
{
    /// <summary>The <c>--allow-recreate</c> value that acknowledges every create-only change of one environment.</summary>
    public static string EnvironmentScope(string environment) => environment + RecreateGuard.AllSuffix;

    public bool IsBlocked => !Refused.IsEmpty || !UnknownNames.IsEmpty;

    /// <summary>What <c>--allow-recreate</c> could name in this run: each resource, and each environment's scope.</summary>
    public ImmutableArray<string> Candidates =>
        [.. Refused.Concat(Acknowledged).Select(v => v.Violation.SymbolicName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Concat(Refused.Concat(Acknowledged).Select(v => EnvironmentScope(v.Environment)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))];

    /// <summary>Every line to show for a blocked run: one per unknown name, one per cause of refusal.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var name in UnknownNames)
        {
            yield return Candidates.IsEmpty
                ? $"--allow-recreate {name}: no resource has a create-only change in this run, so there is nothing to acknowledge. Fix: remove --allow-recreate."
                : $"--allow-recreate {name}: '{name}' is not a resource with a create-only change in this run. Fix: use one of {string.Join(", ", Candidates)}.";
        }
        foreach (var (environment, file, cause) in Causes(Refused))
        {
            yield return Refusal(environment, file, cause);
        }
    }

    /// <summary>One line per acknowledged cause, naming every resource that must be deleted before deploying.</summary>
    public IEnumerable<string> Acknowledgements() =>
        Causes(Acknowledged).Select(c =>
            $"{c.File}: re-creation acknowledged for {c.Cause.Path} ({c.Cause.Before} → {c.Cause.After}) of {(c.Cause.Violations.Length == 1 ? Resources(c.Cause) : string.Join(", ", c.Cause.SymbolicNames.Select(n => $"'{n}'")))}: " +
            $"delete {(c.Cause.Violations.Length == 1 ? "it" : $"these {c.Cause.Violations.Length} resources")} before deploying; {string.Join(" ", c.Cause.Consequences)}");

    /// <exception cref="RecreateRefusedException">The check is blocked.</exception>
    public void ThrowIfBlocked()
    {
        if (IsBlocked)
        {
            throw new RecreateRefusedException(this);
        }
    }

    private static IEnumerable<(string Environment, string File, CreateOnlyCause Cause)> Causes(IEnumerable<EnvironmentViolation> violations) =>
        violations.GroupBy(v => (v.Environment, v.EnvironmentFile))
            .SelectMany(g => CreateOnlyCause.Group(g.Select(v => v.Violation)).Select(c => (g.Key.Environment, g.Key.EnvironmentFile, c)));

    private static string Resources(CreateOnlyCause cause) =>
        string.Join(", ", cause.Violations.Select(v => $"'{v.SymbolicName}' ({v.Resource})"));

    private static string Refusal(string environment, string file, CreateOnlyCause cause)
    {
        var one = cause.Violations.Length == 1;
        // One resource is named in full; a group by symbolic name only, or a region move would print 30 types and names.
        var subject = one ? $"resource {Resources(cause)}" : $"{cause.Violations.Length} resources ({string.Join(", ", cause.SymbolicNames.Select(n => $"'{n}'"))})";
        var acknowledge = one
            ? $"--allow-recreate {cause.Violations[0].SymbolicName}"
            : $"--allow-recreate {EnvironmentScope(environment)} (every resource of {environment} listed here)";
        return $"{file}: {subject}: {cause.Path} {cause.Explanation}: it is {cause.Before} in the committed state and would become {cause.After}. " +
               $"{string.Join(" ", cause.Reasons)} Way out: keep the old value, or give the resource{(one ? "" : "s")} a new name so a new one is created beside the old one, " +
               $"or rerun with {acknowledge} to acknowledge that Azure refuses this change on an existing resource, so it must be deleted before the deployment " +
               $"re-creates it: {string.Join(" ", cause.Consequences)}";
    }
}

/// <summary>Thrown when generation would change a create-only property of an existing resource without acknowledgement.</summary>
public sealed class RecreateRefusedException(RecreateCheck check) : Exception(string.Join('\n', check.Problems()))
{
    public RecreateCheck Check { get; } = check;
}

/// <summary>
/// Guards create-only properties: each environment's new <c>main.state.json</c> against the committed one in the output
/// folder. An environment without a committed state (new, never generated, so never deployed from this repository) has
/// nothing to guard.
/// </summary>
public static class RecreateGuard
{
    public const string StateFileName = "main.state.json";

    /// <summary>The suffix of an environment scope in <c>--allow-recreate</c>: <c>dev:all</c>.</summary>
    public const string AllSuffix = ":all";

    /// <param name="allowRecreate">
    /// Symbolic names whose re-creation the caller acknowledged (in every selected environment), or
    /// <c>&lt;environment&gt;:all</c> for every create-only change of that environment.
    /// </param>
    /// <exception cref="ConfigurationException">A committed state file cannot be read.</exception>
    public static RecreateCheck Check(string environmentDirectory, string outputDirectory, GenerationResult result, IReadOnlyCollection<string> allowRecreate)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(allowRecreate);
        var all = new List<EnvironmentViolation>();
        var unreadable = new List<ConfigurationProblem>();
        foreach (var environment in result.Environments)
        {
            var relative = $"{environment}/{StateFileName}";
            var next = result.Files.FirstOrDefault(f => f.RelativePath == relative);
            if (next is null || CommittedState.TryRead(outputDirectory, environment, unreadable) is not { } committed)
            {
                continue;
            }
            var file = Path.Combine(environmentDirectory, environment + ".json");
            all.AddRange(CreateOnlyGuard.Check(committed, StateFile.Read(next.Content)).Select(v => new EnvironmentViolation(environment, file, v)));
        }
        if (unreadable.Count > 0)
        {
            throw new ConfigurationException(unreadable);
        }
        var allowed = allowRecreate.ToHashSet(StringComparer.Ordinal);
        bool IsAllowed(EnvironmentViolation v) =>
            allowed.Contains(v.Violation.SymbolicName) || allowed.Contains(RecreateCheck.EnvironmentScope(v.Environment));
        bool MatchesSomething(string name) =>
            all.Any(v => v.Violation.SymbolicName == name || RecreateCheck.EnvironmentScope(v.Environment) == name);
        return new RecreateCheck(
            [.. all.Where(v => !IsAllowed(v))],
            [.. all.Where(IsAllowed)],
            [.. allowed.Where(name => !MatchesSomething(name)).Order(StringComparer.Ordinal)]);
    }
}
