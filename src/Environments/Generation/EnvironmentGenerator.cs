using Provisioning.Bicep.State;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Writing;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Files;
using Provisioning.Environments.Todo;

namespace Provisioning.Environments.Generation;

/// <summary>Pure function from one environment's configuration to its generated files.</summary>
public static class EnvironmentGenerator
{
    /// <summary>Secure parameters and the environment variables the .bicepparam reads them from at deployment time.</summary>
    public static IReadOnlyList<(string Parameter, string Variable)> SecureParameters(EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var list = new List<(string, string)>
        {
            (TodoTemplate.JwtSecretKeyParameter, TodoContract.JwtSecretKey),
            (TodoTemplate.PostgresAdminPasswordParameter, TodoContract.PostgresAdminPasswordVariable),
        };
        if (configuration.Backend.OpenAiApiKey)
        {
            list.Add((TodoTemplate.OpenAiApiKeyParameter, TodoContract.OpenAiApiKey));
        }
        return list;
    }

    public static IReadOnlyList<GeneratedFile> Generate(EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var template = TodoTemplate.Build(configuration);
        var bootstrap = TodoTemplate.BuildBootstrap(configuration);
        var folder = configuration.Name;
        var parameters = Parameters(configuration);
        return
        [
            new($"{folder}/main.bicep", BicepWriter.Write(template)),
            new($"{folder}/main.bicepparam", BicepWriter.Write(parameters)),
            new($"{folder}/bootstrap.bicep", BicepWriter.Write(bootstrap)),
            new($"{folder}/bootstrap.bicepparam", BicepWriter.Write(BootstrapParameters(configuration))),
            new($"{folder}/README.md", EnvironmentReadme.Write(configuration, SecureParameters(configuration))),
            new($"{folder}/{RecreateGuard.StateFileName}", StateFile.Write(DeploymentStates.Create("main.bicep", template, parameters))),
        ];
    }

    private static ParameterAssignment[] CommonParameters(EnvironmentConfiguration c) =>
    [
        new("location", c.Location),
        new("environmentName", c.Name),
    ];

    private static BicepParamFile BootstrapParameters(EnvironmentConfiguration c) => new("bootstrap.bicep", [.. CommonParameters(c)]);

    private static BicepParamFile Parameters(EnvironmentConfiguration c)
    {
        var images = c.Images;
        ParameterAssignment[] plain =
        [
            .. CommonParameters(c),
            new("frontendImage", images.Frontend),
            new("backendImage", images.Backend),
            new("mcpImage", images.Mcp),
            new("migrateImage", images.Migrate),
            new("probeImage", images.Probe),
        ];
        // Secrets are never written down: the deployment reads them from the caller's environment and fails
        // before anything is created when one is missing.
        var secure = SecureParameters(c).Select(p => new ParameterAssignment(p.Parameter, Bicep.Syntax.Bicep.Call("readEnvironmentVariable", p.Variable)));
        return new BicepParamFile("main.bicep", [.. plain, .. secure]);
    }
}
