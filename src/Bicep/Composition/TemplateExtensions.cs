using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Writing;

namespace Provisioning.Bicep.Composition;

/// <summary>Template conveniences for composite helpers, whose results may overlap (the same role assignment twice).</summary>
public static class TemplateExtensions
{
    /// <summary>
    /// Adds the resource unless one with the same identifier and the same printed declaration is already there;
    /// a different resource under the same identifier is an error, as it would be in Bicep.
    /// </summary>
    public static T AddOnce<T>(this BicepTemplate template, T resource) where T : Resource
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(resource);
        var existing = template.Resources.FirstOrDefault(r => r.Identifier == resource.Identifier);
        if (existing is null)
        {
            return template.Add(resource);
        }
        if (Print(existing) != Print(resource))
        {
            throw new InvalidOperationException($"A different resource '{resource.Identifier}' is already in the template.");
        }
        return (T)existing;
    }

    /// <summary>Adds the workload and its role assignment (once).</summary>
    public static T Add<T>(this BicepTemplate template, WorkloadGrant<T> grant) where T : Resource
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(grant);
        template.AddOnce(grant.RoleAssignment);
        return template.Add(grant.Workload);
    }

    private static string Print(Resource resource) => BicepWriter.Write(new BicepFile([resource.ToStatement()]));
}
