using System.Collections.Immutable;
using Provisioning.Bicep.State;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Generation;

/// <summary>A create-only change in one environment, with the environment file that asked for it.</summary>
public sealed record EnvironmentViolation(string EnvironmentFile, CreateOnlyViolation Violation)
{
    public override string ToString()
    {
        var v = Violation;
        return $"{EnvironmentFile}: resource '{v.SymbolicName}' ({v.Resource}): {v.Property.Path} {v.Property.Rule.Explanation}: " +
               $"it is {v.Before} in the committed state and would become {v.After}. {v.Property.Reason} (Source: {v.Property.Source}) " +
               $"Way out: keep the old value, or give the resource a new name so a new one is created beside the old one, or rerun with " +
               $"--allow-recreate {v.SymbolicName} to acknowledge that Azure refuses this change on the existing resource, so it must be " +
               $"deleted before the deployment re-creates it: {v.RecreateConsequence}";
    }
}

/// <summary>
/// The outcome of comparing every generated environment with its committed state: refused changes, changes the caller
/// acknowledged with <c>--allow-recreate</c>, and acknowledgements that match nothing (a typo, or a flag left behind).
/// </summary>
public sealed record RecreateCheck(
    ImmutableArray<EnvironmentViolation> Refused,
    ImmutableArray<EnvironmentViolation> Acknowledged,
    ImmutableArray<string> UnknownNames)
{
    public bool IsBlocked => !Refused.IsEmpty || !UnknownNames.IsEmpty;

    /// <summary>The resources <c>--allow-recreate</c> could name in this run.</summary>
    public ImmutableArray<string> Candidates =>
        [.. Refused.Concat(Acknowledged).Select(v => v.Violation.SymbolicName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Every line to show for a blocked run.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var name in UnknownNames)
        {
            yield return Candidates.IsEmpty
                ? $"--allow-recreate {name}: no resource has a create-only change in this run, so there is nothing to acknowledge. Fix: remove --allow-recreate."
                : $"--allow-recreate {name}: '{name}' is not a resource with a create-only change in this run. Fix: use one of {string.Join(", ", Candidates)}.";
        }
        foreach (var violation in Refused)
        {
            yield return violation.ToString();
        }
    }

    /// <exception cref="RecreateRefusedException">The check is blocked.</exception>
    public void ThrowIfBlocked()
    {
        if (IsBlocked)
        {
            throw new RecreateRefusedException(this);
        }
    }
}

/// <summary>Thrown when generation would change a create-only property of an existing resource without acknowledgement.</summary>
public sealed class RecreateRefusedException(RecreateCheck check) : Exception(string.Join('\n', check.Problems()))
{
    public RecreateCheck Check { get; } = check;
}

/// <summary>
/// Guards create-only properties: each environment's new <c>main.state.json</c> against the committed one in the output
/// folder. An environment without a committed state (new, or generated before states existed) has nothing to guard.
/// </summary>
public static class RecreateGuard
{
    public const string StateFileName = "main.state.json";

    /// <param name="allowRecreate">Symbolic names whose re-creation the caller acknowledged (in every selected environment).</param>
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
            var committedPath = Path.Combine(outputDirectory, environment, StateFileName);
            if (next is null || !File.Exists(committedPath))
            {
                continue;
            }
            DeploymentState committed;
            try
            {
                committed = StateFile.Read(File.ReadAllText(committedPath));
            }
            catch (FormatException ex)
            {
                unreadable.Add(new ConfigurationProblem(committedPath, "$", $"the committed state cannot be read: {ex.Message}",
                    $"restore it with `git checkout -- {Path.GetRelativePath(outputDirectory, committedPath).Replace('\\', '/')}`, or delete it to skip the create-only guard for {environment} once."));
                continue;
            }
            var file = Path.Combine(environmentDirectory, environment + ".json");
            all.AddRange(CreateOnlyGuard.Check(committed, StateFile.Read(next.Content)).Select(v => new EnvironmentViolation(file, v)));
        }
        if (unreadable.Count > 0)
        {
            throw new ConfigurationException(unreadable);
        }
        var allowed = allowRecreate.ToHashSet(StringComparer.Ordinal);
        return new RecreateCheck(
            [.. all.Where(v => !allowed.Contains(v.Violation.SymbolicName))],
            [.. all.Where(v => allowed.Contains(v.Violation.SymbolicName))],
            [.. allowed.Where(name => all.All(v => v.Violation.SymbolicName != name)).Order(StringComparer.Ordinal)]);
    }
}
