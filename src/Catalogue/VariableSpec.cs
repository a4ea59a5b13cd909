
namespace Provisioning.Catalogue;

/// <summary>
/// One environment variable of a component. A variable from a secret is left out of environments that do not store
/// the secret, and while an optional secret is empty (see <see cref="SecureParameterSpec.Optional"/>).
/// </summary>
public sealed record VariableSpec(string Name, ValueSource Source)
{
    public bool IsSecret => Source is SecretValue;

    public static VariableSpec Literal(string name, string value) => new(name, new LiteralValue(value));

    public static VariableSpec Url(string name, string component, string path = "") => new(name, new ComponentUrl(component, path));

    public static VariableSpec Secret(string name, string secret) => new(name, new SecretValue(secret));

    /// <summary>A secret whose reference names the version in <paramref name="pin"/> while that is set (see <see cref="SecretValue.PinnedBy"/>).</summary>
    public static VariableSpec PinnedSecret(string name, string secret, SecretPin pin) => new(name, new SecretValue(secret, pin));

    public static VariableSpec Setting(string name, string setting) => new(name, new ConfigurationValue(setting));

    public static VariableSpec Platform(string name, PlatformSetting setting) => new(name, new PlatformValue(setting));

    public static VariableSpec Workloads(string name, params string[] components) => new(name, new WorkloadNames(components));
}
