using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Model;

/// <summary>
/// One environment variable of a component. <see cref="When"/> leaves it out of environments whose file turns the
/// feature off; a variable from an optional secret is also left out while that secret is empty (see
/// <see cref="SecureParameterSpec.Optional"/>).
/// </summary>
public sealed record VariableSpec(string Name, ValueSource Source)
{
    public Func<EnvironmentConfiguration, bool>? When { get; init; }

    public bool IsSecret => Source is SecretValue;

    public bool AppliesTo(EnvironmentConfiguration configuration) => When?.Invoke(configuration) ?? true;

    public static VariableSpec Literal(string name, string value) => new(name, new LiteralValue(value));

    public static VariableSpec Url(string name, string component, string path = "") => new(name, new ComponentUrl(component, path));

    public static VariableSpec Secret(string name, string secret) => new(name, new SecretValue(secret));

    public static VariableSpec Setting(string name, string setting, Func<EnvironmentConfiguration, string> read) =>
        new(name, new ConfigurationValue(setting, read));

    public static VariableSpec Platform(string name, PlatformSetting setting) => new(name, new PlatformValue(setting));

    public static VariableSpec Workloads(string name, params string[] components) => new(name, new WorkloadNames(components));
}
