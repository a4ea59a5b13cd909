namespace Provisioning.Catalogue;

/// <summary>
/// The probe's one name: how it signs its tokens (iss), introduces itself to the MCP server, and appears in telemetry.
/// </summary>
public static class ProbeIdentity
{
    public const string Name = "todo-probe";
}
