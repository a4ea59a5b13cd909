using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.State;

namespace Provisioning.Bicep.Resources.Authorization;

/// <summary>
/// A role assignment (<c>Microsoft.Authorization/roleAssignments</c>), an extension resource: set
/// <see cref="Resource.Scope"/> to the resource it applies to (one secret, one storage account), or leave it unset
/// for the resource group. Prefer <c>RoleAssignments.Grant</c>, which derives a stable name and the principal type.
/// </summary>
public sealed record RoleAssignment(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Authorization/roleAssignments";

    // The newest (and only recent) stable version.
    public override string ApiVersion => "2022-04-01";

    public override NamingRule? NamingRule => AzureNames.Guid;

    /// <summary>The role definition's resource id: <c>subscriptionResourceId('Microsoft.Authorization/roleDefinitions', guid)</c>.</summary>
    public BicepValue<string> RoleDefinitionId { get; init; }

    public BicepValue<string> PrincipalId { get; init; }

    /// <summary>
    /// Always set for managed identities: without it ARM looks the principal up in Entra ID, which fails with
    /// PrincipalNotFound while a just-created identity is still replicating.
    /// </summary>
    public BicepValue<PrincipalType> PrincipalType { get; init; }

    public BicepValue<string> Description { get; init; }

    // Static: a per-instance array would take part in record equality by reference.
    private static readonly ImmutableArray<CreateOnlyProperty> Declared =
    [
        CreateOnlyProperty.Immutable(
            "properties.principalId",
            "A role assignment cannot be moved to another principal; ARM answers RoleAssignmentUpdateNotPermitted.",
            "Microsoft Learn: \"Troubleshoot Azure RBAC\" (RoleAssignmentUpdateNotPermitted: \"Tenant ID, application ID, principal ID, and scope are not allowed to be updated.\")"),
    ];

    public override ImmutableArray<CreateOnlyProperty> CreateOnlyProperties => Declared;

    public override string RecreateConsequence =>
        "the principal loses the role between the deletion and the new assignment, and a new assignment takes minutes to propagate.";

    protected override void WriteBody(BicepObjectBuilder body) => body.AddObject("properties", p =>
    {
        p.Add("roleDefinitionId", RoleDefinitionId);
        p.Add("principalId", PrincipalId);
        p.Add("principalType", PrincipalType);
        p.Add("description", Description);
    });
}
