using Provisioning.Environments.Configuration;

namespace Provisioning.Cli.Commands;

/// <summary>One environment file for a command that works on one environment (<c>-e</c>): loaded, or refused with the fix.</summary>
internal static class EnvironmentFile
{
    /// <summary>env/<paramref name="name"/>.json from <paramref name="envDir"/>; null after printing why not (the command exits 2).</summary>
    public static EnvironmentConfiguration? Load(string envDir, string name, TextWriter error)
    {
        var file = Path.Combine(envDir, name + ".json");
        if (!File.Exists(file))
        {
            error.WriteLine($"-e {SecretRedaction.Describe(name)}: there is no env/<name>.json for it. Fix: pass the name of a file in {envDir} (e.g. dev).");
            return null;
        }
        var (configuration, problems) = ConfigurationLoader.Load(file);
        if (configuration is null)
        {
            foreach (var problem in problems)
            {
                error.WriteLine(problem);
            }
        }
        return configuration;
    }
}
