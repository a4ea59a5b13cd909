namespace Provisioning.Catalogue;

/// <summary>
/// App settings that turn the platform checks on in the Function: the deployment gives all five to the probe app;
/// without any of them the Function runs the standard checks only (locally, in tests).
/// </summary>
public static class PlatformSettingNames
{
    public const string SubscriptionId = "AZURE_SUBSCRIPTION_ID";
    public const string ResourceGroup = "AZURE_RESOURCE_GROUP";
    public const string MigrationJobName = OutputNames.MigrationJobName;

    /// <summary>The container apps whose latest revision must be healthy, comma separated.</summary>
    public const string AppNames = "PLATFORM_APP_NAMES";

    /// <summary>The client id of the probe's user-assigned identity, which signs in to ARM.</summary>
    public const string ClientId = "AZURE_CLIENT_ID";

    public static IReadOnlyList<string> All { get; } = [SubscriptionId, ResourceGroup, MigrationJobName, AppNames, ClientId];
}
