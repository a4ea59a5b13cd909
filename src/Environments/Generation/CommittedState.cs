using Provisioning.Bicep.State;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Generation;

/// <summary>
/// The committed <c>generated/&lt;env&gt;/main.state.json</c>: what the environment was last generated as, the baseline
/// every guard and <c>plan</c> compare with.
/// </summary>
public static class CommittedState
{
    /// <summary>The committed state, or null when the environment has none (never generated here).</summary>
    /// <param name="unreadable">Where an unreadable file is reported (the caller reports all of them at once).</param>
    public static DeploymentState? TryRead(string outputDirectory, string environment, ICollection<ConfigurationProblem> unreadable)
    {
        ArgumentNullException.ThrowIfNull(unreadable);
        var path = Path.Combine(outputDirectory, environment, RecreateGuard.StateFileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return StateFile.Read(File.ReadAllText(path));
        }
        catch (FormatException ex)
        {
            unreadable.Add(new ConfigurationProblem(path, "$", $"the committed state cannot be read: {ex.Message}",
                $"restore it with `git checkout -- generated/{environment}/{RecreateGuard.StateFileName}`, or run `dotnet run --project src/Cli -- generate -e {environment}` to write it anew."));
            return null;
        }
    }

    /// <exception cref="ConfigurationException">The file exists but cannot be read.</exception>
    public static DeploymentState? TryRead(string outputDirectory, string environment)
    {
        var unreadable = new List<ConfigurationProblem>();
        var state = TryRead(outputDirectory, environment, unreadable);
        return unreadable.Count > 0 ? throw new ConfigurationException(unreadable) : state;
    }

    /// <exception cref="ConfigurationException">The environment has no committed state, or it cannot be read.</exception>
    public static DeploymentState Read(string outputDirectory, string environment) =>
        TryRead(outputDirectory, environment) ?? throw new ConfigurationException([new ConfigurationProblem(
            Path.Combine(outputDirectory, environment, RecreateGuard.StateFileName), "$",
            $"environment '{environment}' has no committed deployment state.",
            $"run `dotnet run --project src/Cli -- generate -e {environment}` (with env/{environment}.json in place) and commit generated/{environment}/.")]);
}
