using Provisioning.Environments.Configuration;

namespace Provisioning.Cli.Deploy;

/// <summary>How a deployment runs: which environment, from which checkout, and whether azd drives it.</summary>
/// <param name="Azd">
/// Run by the azd hooks: values later stages and azd need are also stored with <c>azd env set</c>, and the workloads
/// stage hands main.bicep to <c>azd provision</c> (in .azd-infra/) instead of deploying it.
/// </param>
/// <param name="Variable">Reads a setting (the process environment; azd hands its environment's values to hooks).</param>
internal sealed record DeploymentRequest(
    string EnvironmentName,
    EnvironmentConfiguration Configuration,
    string RepositoryRoot,
    string EnvironmentDirectory,
    bool Azd,
    Func<string, string?> Variable)
{
    /// <summary>
    /// Where az and azd are (null: on PATH). A folder given here also comes first on the PATH of the stage scripts,
    /// so they run the same ones; tests put stand-ins there.
    /// </summary>
    public string? ToolFolder { get; init; }

    /// <summary>Settings every child process gets on top of this process's environment (tests: the run's whole environment).</summary>
    public IReadOnlyDictionary<string, string> ChildEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>How `secrets init` reaches Azure Resource Manager (tests: a stand-in).</summary>
    public Func<Commands.ArmAccess> Arm { get; init; } = Commands.ArmAccess.Default;


    public string GeneratedFolder => Path.Combine(RepositoryRoot, "generated", EnvironmentName);

    /// <summary>A setting's value, or null when unset or blank.</summary>
    public string? Value(string name) => Variable(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    public string? ResourceGroup => Value(PlatformSettingNames.ResourceGroup);

    /// <summary>How a person sets a value: in azd's environment, or exported for the az path.</summary>
    public string HowToSet(string name, string example) =>
        Azd ? $"azd env set {name} {example} --environment {EnvironmentName}" : $"export {name}={example}";
}
