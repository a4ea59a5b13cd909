using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Model;

/// <summary>
/// Where the catalogue's named settings live in an environment file. The catalogue refers to sizes by component name
/// and to settings by name (<see cref="ConfigurationSettings"/>), so it never depends on the configuration types; this
/// is the one place that maps those names onto <see cref="EnvironmentConfiguration"/>. A test holds every name the
/// catalogue uses to an entry here.
/// </summary>
public static class ConfigurationSelectors
{
    /// <summary>The size of each component whose size comes from the environment file, keyed by component name.</summary>
    public static IReadOnlyDictionary<string, Func<EnvironmentConfiguration, AppSettings>> Sizes { get; } =
        new Dictionary<string, Func<EnvironmentConfiguration, AppSettings>>(StringComparer.Ordinal)
        {
            [TodoSystem.Frontend] = c => c.Frontend,
            [TodoSystem.Backend] = c => c.Backend,
            [TodoSystem.Mcp] = c => c.Mcp,
            // One replica at most: the timer is a singleton.
            [TodoSystem.Probe] = c => new AppSettings { Cpu = c.Probe.Cpu, Memory = c.Probe.Memory, MinReplicas = c.Probe.MinReplicas, MaxReplicas = 1 },
        };

    /// <summary>The string settings <see cref="ConfigurationValue"/> names.</summary>
    public static IReadOnlyDictionary<string, Func<EnvironmentConfiguration, string>> Values { get; } =
        new Dictionary<string, Func<EnvironmentConfiguration, string>>(StringComparer.Ordinal)
        {
            [ConfigurationSettings.FrontendDomainKey] = c => c.Frontend.OpenAiDomainKey,
            [ConfigurationSettings.ProbeSchedule] = c => c.Probe.Schedule,
            [ConfigurationSettings.EnvironmentName] = c => c.Name,
        };

    /// <summary>The boolean switches <see cref="SecureParameterSpec.When"/> names.</summary>
    public static IReadOnlyDictionary<string, Func<EnvironmentConfiguration, bool>> Switches { get; } =
        new Dictionary<string, Func<EnvironmentConfiguration, bool>>(StringComparer.Ordinal)
        {
            [ConfigurationSettings.BackendOpenAiApiKey] = c => c.Backend.OpenAiApiKey,
        };

    extension(SizeSpec size)
    {
        /// <summary>The component's size and replica bounds in this environment.</summary>
        public AppSettings Read(EnvironmentConfiguration configuration) => size.FixedSize is { } f
            ? new AppSettings { Cpu = f.Cpu, Memory = f.Memory, MinReplicas = f.MinReplicas, MaxReplicas = f.MaxReplicas }
            : Lookup(Sizes, size.Setting[2..], "size section")(configuration);
    }

    extension(ConfigurationValue value)
    {
        public string Read(EnvironmentConfiguration configuration) => Lookup(Values, value.Setting, "setting")(configuration);
    }

    extension(SecureParameterSpec parameter)
    {
        /// <summary>Whether this environment declares the parameter.</summary>
        public bool AppliesTo(EnvironmentConfiguration configuration) =>
            parameter.When is not { } when || Lookup(Switches, when, "switch")(configuration);
    }

    extension(SystemDescription system)
    {
        /// <summary>The secure parameters this environment declares.</summary>
        public IReadOnlyList<SecureParameterSpec> SecureParametersFor(EnvironmentConfiguration configuration) =>
            [.. system.SecureParameters.Where(p => p.AppliesTo(configuration))];

        /// <summary>The secrets this environment stores: those whose every parameter it declares.</summary>
        public IReadOnlyList<SecretSpec> SecretsFor(EnvironmentConfiguration configuration) =>
            [.. system.Secrets.Where(s => s.Content.Parameters.All(p => system.SecureParameter(p).AppliesTo(configuration)))];

        /// <summary>The variables <paramref name="component"/> gets in this environment: of the secret ones only those whose secret it stores.</summary>
        public IReadOnlyList<VariableSpec> VariablesFor(ComponentSpec component, EnvironmentConfiguration configuration)
        {
            ArgumentNullException.ThrowIfNull(component);
            var secrets = system.SecretsFor(configuration).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            return [.. component.Variables.Where(v => v.Source is not SecretValue s || secrets.Contains(s.Secret))];
        }

        /// <summary>Who reads <paramref name="secret"/> in this environment, and under which variable name.</summary>
        public IReadOnlyList<(ComponentSpec Component, VariableSpec Variable)> Readers(SecretSpec secret, EnvironmentConfiguration configuration) =>
            [.. system.Components.SelectMany(c => system.VariablesFor(c, configuration)
                .Where(v => v.Source is SecretValue s && s.Secret == secret.Name)
                .Select(v => (c, v)))];
    }

    private static Func<EnvironmentConfiguration, T> Lookup<T>(IReadOnlyDictionary<string, Func<EnvironmentConfiguration, T>> selectors, string name, string what) =>
        selectors.TryGetValue(name, out var read) ? read
            : throw new KeyNotFoundException($"The catalogue names the {what} '{name}', which ConfigurationSelectors does not map to the environment file.");
}
