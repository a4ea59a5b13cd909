using Provisioning.Environments.Configuration;
using Provisioning.Environments.Generation;

namespace Provisioning.Operations;

/// <summary>Which environments a command works on, and how its input problems are printed.</summary>
public static class OperationInputs
{
    /// <summary>Every environment with a committed state, or the selected ones (each must have one).</summary>
    /// <exception cref="ConfigurationException">A selected environment has no committed state, or there are none.</exception>
    public static IReadOnlyList<string> Environments(string generatedDirectory, IReadOnlyCollection<string> only)
    {
        ArgumentNullException.ThrowIfNull(only);
        var available = Directory.Exists(generatedDirectory)
            ? Directory.EnumerateDirectories(generatedDirectory)
                .Where(d => File.Exists(Path.Combine(d, RecreateGuard.StateFileName)))
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
        if (only.Count == 0)
        {
            return available.Count > 0 ? available : throw new ConfigurationException([new ConfigurationProblem(generatedDirectory, "$",
                "no generated/<env>/main.state.json was found.", "run from the repository root, pass --generated with the generated/ folder, or run `dotnet run --project src/Cli` first.")]);
        }
        var unknown = only.Where(name => !available.Contains(name, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new ConfigurationException(unknown.Select(name => new ConfigurationProblem(Path.Combine(generatedDirectory, name, RecreateGuard.StateFileName), "$",
                $"there is no committed state for environment '{name}'.",
                available.Count > 0 ? $"use one of {string.Join(", ", available)}, or generate {name} first." : $"generate {name} first.")).ToList());
        }
        return [.. only.Distinct(StringComparer.Ordinal)];
    }

    public static void WriteProblems(TextWriter error, string headline, ConfigurationException exception)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(exception);
        error.WriteLine($"{headline}: {exception.Problems.Count} problem(s).");
        foreach (var problem in exception.Problems)
        {
            error.WriteLine($"  {problem}");
        }
    }
}
