using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Shared;

/// <summary>
/// The <c>identity</c> block of a resource. User-assigned identities are preferred over system-assigned ones:
/// they exist before the resource that uses them, so role assignments can be granted first and the resource
/// starts with the access it needs (a system-assigned identity only exists once the resource does).
/// </summary>
public sealed record ManagedIdentities : IBicepSerializable
{
    public ImmutableArray<UserAssignedIdentity> UserAssigned { get; init; } = [];

    public bool IsEmpty => UserAssigned.IsEmpty;

    public static ManagedIdentities Of(params UserAssignedIdentity[] identities) => new() { UserAssigned = [.. identities] };

    public ManagedIdentities With(UserAssignedIdentity identity) =>
        UserAssigned.Any(i => i.Identifier == identity.Identifier) ? this : this with { UserAssigned = UserAssigned.Add(identity) };

    public BicepExpression ToExpression()
    {
        var body = new BicepObjectBuilder().Add("type", (BicepExpression)(UserAssigned.IsEmpty ? "None" : "UserAssigned"));
        if (!UserAssigned.IsEmpty)
        {
            // The keys are resource ids known only at deployment time: '${identity.id}': {}
            body.Add("userAssignedIdentities", Syntax.Bicep.Object(UserAssigned.Select(i => ObjectProperty.Computed(i.Id, ObjectExpression.Empty))));
        }
        return body.Build();
    }
}
