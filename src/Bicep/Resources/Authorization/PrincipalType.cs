namespace Provisioning.Bicep.Resources.Authorization;

/// <summary>The kind of principal a role is assigned to; names match the ARM values exactly.</summary>
public enum PrincipalType
{
    /// <summary>Managed identities and app registrations.</summary>
    ServicePrincipal,
    User,
    Group,
    ForeignGroup,
    Device,
}
