using Provisioning.Bicep.Validation;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Files;

namespace Provisioning.Environments.Generation;

/// <summary>What a generation run produced, per environment, and the configurations it was produced from.</summary>
public sealed record GenerationResult(IReadOnlyList<string> Environments, IReadOnlyList<GeneratedFile> Files, IReadOnlyList<EnvironmentConfiguration> Configurations);

/// <summary>
/// The whole generate pipeline: load and validate every environment file, build every template in memory, and only
/// then replace the output folders. Any failure leaves <c>generated/</c> untouched.
/// </summary>
public static class GenerationRun
{
    /// <exception cref="ConfigurationException">An environment file is invalid.</exception>
    /// <exception cref="BicepValidationException">A template broke a model rule (a bug or an unusual configuration).</exception>
    public static GenerationResult Generate(string environmentDirectory, IReadOnlyCollection<string>? only = null)
    {
        var configurations = ConfigurationLoader.LoadAll(environmentDirectory);
        if (only is { Count: > 0 })
        {
            var unknown = only.Where(name => configurations.All(c => c.Name != name)).ToList();
            if (unknown.Count > 0)
            {
                throw new ConfigurationException(unknown.Select(name => new ConfigurationProblem(
                    Path.Combine(environmentDirectory, name + ".json"), "$", $"there is no environment named '{name}'.",
                    $"use one of {string.Join(", ", configurations.Select(c => c.Name))}, or add {name}.json.")).ToList());
            }
            configurations = configurations.Where(c => only.Contains(c.Name)).ToList();
        }
        var files = configurations.SelectMany(EnvironmentGenerator.Generate).ToList();
        return new GenerationResult(configurations.Select(c => c.Name).ToList(), files, configurations);
    }

    /// <summary>Generates and writes; returns what was written.</summary>
    /// <exception cref="RecreateRefusedException">A create-only property of an existing resource would change (see <see cref="RecreateGuard"/>).</exception>
    /// <exception cref="TierChangeRefusedException">A production environment's file moves it to another tier (see <see cref="TierGuard"/>).</exception>
    public static GenerationResult GenerateAndWrite(string environmentDirectory, string outputDirectory, IReadOnlyCollection<string>? only = null, IReadOnlyCollection<string>? allowRecreate = null)
    {
        var result = Generate(environmentDirectory, only);
        TierGuard.Check(outputDirectory, result, allowTierChange: []).ThrowIfBlocked();
        RecreateGuard.Check(environmentDirectory, outputDirectory, result, allowRecreate ?? []).ThrowIfBlocked();
        AtomicOutputWriter.Write(outputDirectory, result.Files);
        return result;
    }

    /// <summary>Files whose committed content differs from what would be generated now (for <c>generate --check</c>).</summary>
    public static IReadOnlyList<string> FindDrift(string outputDirectory, GenerationResult result)
    {
        var drift = new List<string>();
        foreach (var file in result.Files)
        {
            var path = Path.Combine(outputDirectory, file.RelativePath);
            if (!File.Exists(path) || File.ReadAllText(path) != file.Content)
            {
                drift.Add(file.RelativePath);
            }
        }
        foreach (var environment in result.Environments)
        {
            var folder = Path.Combine(outputDirectory, environment);
            if (!Directory.Exists(folder))
            {
                continue;
            }
            var expected = result.Files.Select(f => f.RelativePath.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
            drift.AddRange(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(outputDirectory, f).Replace('\\', '/'))
                .Where(f => !expected.Contains(f)));
        }
        return drift.Order(StringComparer.Ordinal).ToList();
    }
}
