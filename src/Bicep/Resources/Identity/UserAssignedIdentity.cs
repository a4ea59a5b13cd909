using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Identity;

/// <summary>A user-assigned managed identity (<c>Microsoft.ManagedIdentity/userAssignedIdentities</c>).</summary>
public sealed record UserAssignedIdentity(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.ManagedIdentity/userAssignedIdentities";

    // Newest stable version known to the bundled Bicep types (the 2025 versions are previews).
    public override string ApiVersion => "2024-11-30";

    public override NamingRule? NamingRule => AzureNames.UserAssignedIdentity;

    /// <summary>The service principal's object id, for role assignments (<c>x.properties.principalId</c>).</summary>
    public BicepExpression PrincipalId => PropertyReference("principalId");

    /// <summary>The client (application) id, for SDKs selecting this identity (<c>AZURE_CLIENT_ID</c>).</summary>
    public BicepExpression ClientId => PropertyReference("clientId");

    protected override void WriteBody(BicepObjectBuilder body)
    {
        // An identity has no settable properties; name, location and tags are all it needs.
    }
}
