namespace Provisioning.Catalogue;

/// <summary>
/// The environment-file settings the catalogue refers to by name (<see cref="ConfigurationValue"/>,
/// <see cref="SecureParameterSpec.When"/>). The generator maps each name to the configuration once
/// (Provisioning.Environments' ConfigurationSelectors, which a test holds to this list), so this project never
/// depends on the configuration types and they never depend on it.
/// </summary>
public static class ConfigurationSettings
{
    public const string FrontendDomainKey = "$.frontend.openAiDomainKey";
    public const string BackendOpenAiApiKey = "$.backend.openAiApiKey";
    public const string ProbeSchedule = "$.probe.schedule";

    /// <summary>Not a field of the file: its name (<c>env/dev.json</c> → <c>dev</c>).</summary>
    public const string EnvironmentName = "the environment's name";
}
