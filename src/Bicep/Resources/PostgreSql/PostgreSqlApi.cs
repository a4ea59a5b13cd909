namespace Provisioning.Bicep.Resources.PostgreSql;

/// <summary>The one api-version for the flexible server and its children.</summary>
internal static class PostgreSqlApi
{
    // Newest stable version known to the bundled Bicep 0.49.2 types (the 2026 versions are previews).
    public const string Version = "2025-08-01";
}
