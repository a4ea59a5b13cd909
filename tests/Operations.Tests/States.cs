using Provisioning.Bicep.State;
using Provisioning.Environments.Configuration;
using Provisioning.TestSupport;

namespace Provisioning.Operations.Tests;

internal static class States
{
    public static string Generated => Path.Combine(TestFolders.RepositoryRoot, "generated");

    public static string EnvironmentDirectory => Path.Combine(TestFolders.RepositoryRoot, "env");

    public static DeploymentState Committed(string environment) =>
        StateFile.Read(File.ReadAllText(Path.Combine(Generated, environment, "main.state.json")));

    /// <summary>env/&lt;environment&gt;.json as the loader reads it (schema and rules checked).</summary>
    public static EnvironmentConfiguration Configuration(string environment)
    {
        var (configuration, problems) = ConfigurationLoader.Load(Path.Combine(EnvironmentDirectory, environment + ".json"));
        Assert.IsEmpty(problems, string.Join("\n", problems));
        return configuration!;
    }
}
