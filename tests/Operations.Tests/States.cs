using Provisioning.Bicep.State;
using Provisioning.TestSupport;

namespace Provisioning.Operations.Tests;

internal static class States
{
    public static string Generated => Path.Combine(TestFolders.RepositoryRoot, "generated");

    public static DeploymentState Committed(string environment) =>
        StateFile.Read(File.ReadAllText(Path.Combine(Generated, environment, "main.state.json")));
}
