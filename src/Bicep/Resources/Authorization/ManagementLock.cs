using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;

namespace Provisioning.Bicep.Resources.Authorization;

/// <summary>
/// A management lock (<c>Microsoft.Authorization/locks</c>), an extension resource: set <see cref="Resource.Scope"/>
/// to the protected resource. <c>CanNotDelete</c> still allows updates, so deployments keep working.
/// </summary>
public sealed record ManagementLock(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Authorization/locks";

    // The newest stable version.
    public override string ApiVersion => "2020-05-01";

    public override NamingRule? NamingRule => AzureNames.ManagementLock;

    /// <summary><c>CanNotDelete</c> or <c>ReadOnly</c>.</summary>
    public BicepValue<string> Level { get; init; } = "CanNotDelete";

    public BicepValue<string> Notes { get; init; }

    protected override void WriteBody(BicepObjectBuilder body) =>
        body.AddObject("properties", p => p.Add("level", Level).Add("notes", Notes));
}
