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
    /// <summary>Secure parameters of the environment and the variable name each value goes by (`secrets init`, `secrets`); no deployment reads them.</summary>
    public static IReadOnlyList<(string Parameter, string Variable)> SecureParameters(EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. TodoSystem.Description.SecureParametersFor(configuration).Select(p => (p.Name, p.Variable))];
    }

    /// <summary>
    /// The non-secret deployment variables a .bicepparam passes to getSecret() to name the vault: azd and the pipeline
    /// set the first two, the bootstrap deployment outputs the third.
    /// </summary>
    public static IReadOnlyList<string> VaultReferenceVariables { get; } = [PlatformSettingNames.SubscriptionId, PlatformSettingNames.ResourceGroup, OutputNames.KeyVaultName];

    public static IReadOnlyList<GeneratedFile> Generate(EnvironmentConfiguration configuration) => Generate(configuration, TodoSystem.Description);

    /// <summary>The files of one environment of <paramref name="system"/>.</summary>
    public static IReadOnlyList<GeneratedFile> Generate(EnvironmentConfiguration configuration, SystemDescription system)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(system);
        var template = TodoTemplate.Build(configuration, system);
        var bootstrap = TodoTemplate.BuildBootstrap(configuration, system);
        var data = TodoTemplate.BuildData(configuration, system);
        var folder = configuration.Name;
        var parameters = Parameters("main.bicep", configuration, system, template);
        return
        [
            new($"{folder}/main.bicep", BicepWriter.Write(template)),
            new($"{folder}/main.bicepparam", BicepWriter.Write(parameters)),
            new($"{folder}/bootstrap.bicep", BicepWriter.Write(bootstrap)),
            new($"{folder}/bootstrap.bicepparam", BicepWriter.Write(BootstrapParameters(configuration, system, bootstrap))),
            new($"{folder}/data.bicep", BicepWriter.Write(data)),
            new($"{folder}/data.bicepparam", BicepWriter.Write(Parameters("data.bicep", configuration, system, data))),
            new($"{folder}/README.md", EnvironmentReadme.Write(configuration, system)),
            new($"{folder}/{RecreateGuard.StateFileName}", StateFile.Write(DeploymentStates.Create("main.bicep", template, parameters, TierGuard.Labels(configuration)))),
        ];
    }

    private static ParameterAssignment[] CommonParameters(EnvironmentConfiguration c) =>
    [
        new("location", c.Location),
        new("environmentName", c.Name),
    ];

    private static BicepParamFile BootstrapParameters(EnvironmentConfiguration c, SystemDescription system, BicepFile template) =>
        new("bootstrap.bicep", [.. CommonParameters(c), .. SecureParameterAssignments(c, system, template)]);

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

    /// <summary>The parameter file of <paramref name="template"/>: the image of each component it declares one for, and its secret-related parameters.</summary>
    private static BicepParamFile Parameters(string file, EnvironmentConfiguration c, SystemDescription system, BicepFile template)
    {
        var declared = template.Statements.OfType<ParameterStatement>().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        ParameterAssignment[] plain =
        [
            .. CommonParameters(c),
            .. system.Components.Where(component => declared.Contains(component.ImageParameter))
                .Select(component => new ParameterAssignment(component.ImageParameter, KeptImage(component.ImageParameter, c.Images[component.Name]))),
        ];
        return new BicepParamFile(file, [.. plain, .. SecureParameterAssignments(c, system, template)]);
    }

    /// <summary>
    /// The assignments of the secret-related parameters <paramref name="template"/> declares, whatever the template:
    /// no deployment carries a secret value, so no secret is read from the caller's environment (a stale shell or
    /// .env could roll the vault back). A secure parameter a resource needs (the PostgreSQL administrator password) is
    /// a Key Vault reference, <c>getSecret(subscription, group, vault, secret)</c>, which Azure Resource Manager
    /// resolves at deployment time inside Azure; its arguments are names, read from non-secret variables. A presence
    /// flag reads a flag variable (<c>HAS_…=true</c> during a rotation), and bootstrap's "secrets exist" flag reads
    /// <see cref="TodoTemplate.SecretsExistVariable"/>, anything but <c>false</c> (unset included) meaning yes.
    /// </summary>
    private static IEnumerable<ParameterAssignment> SecureParameterAssignments(EnvironmentConfiguration c, SystemDescription system, BicepFile template)
    {
        var declared = template.Statements.OfType<ParameterStatement>().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var p in system.SecureParametersFor(c))
        {
            if (declared.Contains(p.Name))
            {
                var stored = system.Secrets.FirstOrDefault(s => s.Content is ParameterContent pc && pc.Parameter == p.Name)
                    ?? throw new InvalidOperationException($"The template reads the secure parameter {p.Name}, but no Key Vault secret holds it alone for getSecret().");
                yield return new ParameterAssignment(p.Name, Bicep.Syntax.Bicep.Call("getSecret",
                    [.. VaultReferenceVariables.Select(v => (BicepExpression)Bicep.Syntax.Bicep.Call("readEnvironmentVariable", v)), stored.Name]));
            }
            if (p.Optional && declared.Contains(p.PresenceParameter))
            {
                yield return new ParameterAssignment(p.PresenceParameter,
                    Bicep.Syntax.Bicep.Binary(Bicep.Syntax.Bicep.Call("readEnvironmentVariable", p.PresenceVariable, "false"), BinaryOperator.Equals, "true"));
            }
        }
        // A pinned secret reference's version: a version id, not a value; unset (empty) means the latest.
        foreach (var pin in system.Components.SelectMany(c => c.Variables).Select(v => v.Source).OfType<SecretValue>()
            .Select(s => s.PinnedBy).OfType<SecretPin>().Distinct().Where(p => declared.Contains(p.Parameter)))
        {
            yield return new ParameterAssignment(pin.Parameter, Bicep.Syntax.Bicep.Call("readEnvironmentVariable", pin.Variable, ""));
        }
        if (declared.Contains(TodoTemplate.SecretsExistParameter))
        {
            yield return new ParameterAssignment(TodoTemplate.SecretsExistParameter,
                Bicep.Syntax.Bicep.Binary(Bicep.Syntax.Bicep.Call("readEnvironmentVariable", TodoTemplate.SecretsExistVariable, "true"), BinaryOperator.NotEquals, "false"));
        }
    }
}
