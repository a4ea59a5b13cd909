namespace Provisioning.Bicep.Resources.Network;

/// <summary>The api-versions of the Microsoft.Network types.</summary>
internal static class NetworkApi
{
    // Newest stable version known to the bundled Bicep 0.49.2 types for virtual networks and private endpoints.
    public const string Version = "2026-03-01";

    // Private DNS has its own, slower release train; this is its newest stable version.
    public const string PrivateDnsVersion = "2024-06-01";
}
