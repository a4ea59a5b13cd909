namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>The one api-version for every Microsoft.App type, so environment, apps and jobs always agree on shapes.</summary>
internal static class ContainerAppsApi
{
    // Newest stable version known to the bundled Bicep 0.49.2 types.
    public const string Version = "2026-07-01";
}
