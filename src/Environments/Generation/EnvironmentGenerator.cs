using Provisioning.Environments.Configuration;
using Provisioning.Environments.Output;

namespace Provisioning.Environments.Generation;

/// <summary>Pure function from one environment's configuration to its generated files.</summary>
public static class EnvironmentGenerator
{
    public static IReadOnlyList<GeneratedFile> Generate(EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        throw new NotImplementedException();
    }
}
