using Provisioning.Bicep.State;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Writing;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Files;
using Provisioning.Environments.Model;
using Provisioning.Environments.Todo;

namespace Provisioning.Environments.Generation;

/// <summary>Pure function from one environment's configuration to its generated files.</summary>
public static class EnvironmentGenerator
{
    /// <summary>Secure parameters and the environment variables the .bicepparam reads them from at deployment time.</summary>
    public static IReadOnlyList<(string Parameter, string Variable)> SecureParameters(EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. TodoSystem.Description.SecureParametersFor(configuration).Select(p => (p.Name, p.Variable))];
    }

    public static IReadOnlyList<GeneratedFile> Generate(EnvironmentConfiguration configuration) => Generate(configuration, TodoSystem.Description);

    /// <summary>The files of one environment of <paramref name="system"/>.</summary>
    public static IReadOnlyList<GeneratedFile> Generate(EnvironmentConfiguration configuration, SystemDescription system)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(system);
        var template = TodoTemplate.Build(configuration, system);
        var bootstrap = TodoTemplate.BuildBootstrap(configuration, system);
        var folder = configuration.Name;
        var parameters = Parameters(configuration, system);
        return
        [
            new($"{folder}/main.bicep", BicepWriter.Write(template)),
            new($"{folder}/main.bicepparam", BicepWriter.Write(parameters)),
            new($"{folder}/bootstrap.bicep", BicepWriter.Write(bootstrap)),
            new($"{folder}/bootstrap.bicepparam", BicepWriter.Write(BootstrapParameters(configuration, system))),
            new($"{folder}/README.md", EnvironmentReadme.Write(configuration, system)),
            new($"{folder}/{RecreateGuard.StateFileName}", StateFile.Write(DeploymentStates.Create("main.bicep", template, parameters, TierGuard.Labels(configuration)))),
        ];
    }

    private static ParameterAssignment[] CommonParameters(EnvironmentConfiguration c) =>
    [
        new("location", c.Location),
        new("environmentName", c.Name),
    ];

    // The bootstrap writes the secrets too, so it reads them from the same variables as main.bicepparam.
    private static BicepParamFile BootstrapParameters(EnvironmentConfiguration c, SystemDescription system) =>
        new("bootstrap.bicep", [.. CommonParameters(c), .. SecureParameterAssignments(c, system)]);

    /// <summary>The deployment env var the preprovision hook sets to the image a component runs now:
    /// <c>DEPLOYED_</c> + the image parameter without <c>Image</c>, upper case, + <c>_IMAGE</c>.</summary>
    public static string DeployedImageVariable(string imageParameter)
    {
        ArgumentNullException.ThrowIfNull(imageParameter);
        var stem = imageParameter.EndsWith("Image", StringComparison.Ordinal) ? imageParameter[..^"Image".Length] : imageParameter;
        return $"DEPLOYED_{stem.ToUpperInvariant()}_IMAGE";
    }

    // The image kept across a provision-only run (docs/deployment.md), else the env file's tag. empty() and not the
    // two-argument readEnvironmentVariable default: azd can only clear a stale value to "", which must fall back too.
    // Inline (the variable read twice) because a BicepParamFile has no var statements.
    private static BicepExpression KeptImage(string imageParameter, string fallback)
    {
        var deployed = Bicep.Syntax.Bicep.Call("readEnvironmentVariable", DeployedImageVariable(imageParameter), "");
        return Bicep.Syntax.Bicep.If(Bicep.Syntax.Bicep.Call("empty", deployed), fallback, deployed);
    }

    private static BicepParamFile Parameters(EnvironmentConfiguration c, SystemDescription system)
    {
        ParameterAssignment[] plain =
        [
            .. CommonParameters(c),
            .. system.Components.Select(component => new ParameterAssignment(component.ImageParameter, KeptImage(component.ImageParameter, c.Images[component.Name]))),
        ];
        return new BicepParamFile("main.bicep", [.. plain, .. SecureParameterAssignments(c, system)]);
    }

    // Secrets are never written down: the deployment reads them from the caller's environment and fails before
    // anything is created when one is missing.
    // An optional one defaults to empty, and its presence flag (not the value) turns what it feeds on or off.
    private static IEnumerable<ParameterAssignment> SecureParameterAssignments(EnvironmentConfiguration c, SystemDescription system) =>
        system.SecureParametersFor(c).SelectMany(p => p.Optional
            ? new[]
            {
                new ParameterAssignment(p.Name, Bicep.Syntax.Bicep.Call("readEnvironmentVariable", p.Variable, "")),
                new ParameterAssignment(p.PresenceParameter, Bicep.Syntax.Bicep.Not(Bicep.Syntax.Bicep.Call("empty", Bicep.Syntax.Bicep.Call("readEnvironmentVariable", p.Variable, "")))),
            }
            : [new ParameterAssignment(p.Name, Bicep.Syntax.Bicep.Call("readEnvironmentVariable", p.Variable))]);
}
