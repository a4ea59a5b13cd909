using Provisioning.Bicep.State;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Files;
using Provisioning.Environments.Generation;

namespace Provisioning.Operations;

/// <summary>The deployment state the generator would write for a configuration, made in memory (nothing is written).</summary>
public static class GeneratedState
{
    public static DeploymentState Of(EnvironmentConfiguration configuration) => In(EnvironmentGenerator.Generate(configuration), configuration.Name);

    /// <summary>The <c>&lt;env&gt;/main.state.json</c> among generated files, read back.</summary>
    public static DeploymentState In(IEnumerable<GeneratedFile> files, string environment) =>
        StateFile.Read(files.Single(f => f.RelativePath == $"{environment}/{RecreateGuard.StateFileName}").Content);
}
