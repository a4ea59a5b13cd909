using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Authorization;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Composition;

/// <summary>Creates role assignments with deterministic names and the right principal type.</summary>
public static class RoleAssignments
{
    /// <summary>
    /// Grants <paramref name="role"/> on <paramref name="scope"/> (the resource group when null) to a user-assigned
    /// identity. The name is <c>guid(scope.id, identity.id, '&lt;role guid&gt;')</c>: built only from values known when
    /// the deployment starts, so it is the same on every deployment (redeploying updates the assignment instead of
    /// failing with RoleAssignmentExists), and unique per scope, principal and role.
    /// </summary>
    /// <param name="identifier">The Bicep symbol; defaults to <c>&lt;identity&gt;_&lt;role&gt;_&lt;scope&gt;</c>.</param>
    public static RoleAssignment Grant(Resource? scope, UserAssignedIdentity identity, BuiltInRole role, string? identifier = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(role);
        var scopeId = scope?.Id ?? Syntax.Bicep.ResourceGroup().Member("id");
        return new RoleAssignment(identifier ?? DefaultIdentifier(identity.Identifier, role, scope))
        {
            Scope = scope,
            Name = Syntax.Bicep.Guid(scopeId, identity.Id, role.DefinitionGuid),
            RoleDefinitionId = role.DefinitionId,
            PrincipalId = identity.PrincipalId,
            // Managed identities are service principals; saying so avoids PrincipalNotFound while the new identity replicates.
            PrincipalType = PrincipalType.ServicePrincipal,
        };
    }

    /// <summary>
    /// Grants <paramref name="role"/> to any principal (a user, a group, a deployment-time principal id). The name is
    /// seeded with <paramref name="principalSeed"/>, which must be known when the deployment starts (a parameter, a
    /// literal) and identify the principal.
    /// </summary>
    public static RoleAssignment Grant(
        Resource? scope, BicepValue<string> principalId, PrincipalType principalType, BicepExpression principalSeed, BuiltInRole role, string identifier)
    {
        ArgumentNullException.ThrowIfNull(role);
        var scopeId = scope?.Id ?? Syntax.Bicep.ResourceGroup().Member("id");
        return new RoleAssignment(identifier)
        {
            Scope = scope,
            Name = Syntax.Bicep.Guid(scopeId, principalSeed, role.DefinitionGuid),
            RoleDefinitionId = role.DefinitionId,
            PrincipalId = principalId,
            PrincipalType = principalType,
        };
    }

    private static string DefaultIdentifier(string principal, BuiltInRole role, Resource? scope) =>
        $"{principal}_{role.Key}_{scope?.Identifier ?? "resourceGroup"}";
}
