using System.Collections.Immutable;
using Provisioning.Bicep.Resources.Authorization;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.Storage;

namespace Provisioning.Bicep.Composition;

/// <summary>Role sets for storage accounts whose shared keys are disabled (access is only through Entra ID roles).</summary>
public static class StorageGrants
{
    /// <summary>
    /// What the Azure Functions host needs for an identity-based <c>AzureWebJobsStorage</c>: blobs (leases, keys,
    /// timer schedule status), queues and tables, each scoped to the one account.
    /// </summary>
    public static ImmutableArray<RoleAssignment> ForFunctionsHost(StorageAccount storage, UserAssignedIdentity identity) =>
    [
        RoleAssignments.Grant(storage, identity, BuiltInRoles.StorageBlobDataOwner),
        RoleAssignments.Grant(storage, identity, BuiltInRoles.StorageQueueDataContributor),
        RoleAssignments.Grant(storage, identity, BuiltInRoles.StorageTableDataContributor),
    ];
}
