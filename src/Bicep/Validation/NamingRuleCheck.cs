using Provisioning.Bicep.Model;

namespace Provisioning.Bicep.Validation;

/// <summary>Checks resource names against Azure's rules for their type.</summary>
public static class NamingRuleCheck
{
    public static IEnumerable<ValidationProblem> Check(IReadOnlyList<Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        // Stub: filled in with the naming helper.
        return [];
    }
}
