using Provisioning.Bicep.Composition;
using Provisioning.Bicep.Model;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>
    /// A component that is given other workloads' names (<see cref="WorkloadNames"/>: the probe's platform checks)
    /// reads them through Azure Resource Manager with its own identity; it gets the narrowest built-in read role on
    /// exactly each of those workloads, never on the resource group: <see cref="BuiltInRoles.ContainerAppReader"/>
    /// on a container app (its revisions), <see cref="BuiltInRoles.Reader"/> on a job (its executions; Container Apps
    /// has no read-only role for jobs).
    /// </summary>
    private static void AddPlatformAccess(Foundation f, WorkloadInputs inputs, Workloads workloads)
    {
        foreach (var component in f.System.Components)
        {
            var identity = inputs.Identities[component.Name];
            var targets = f.System.VariablesFor(component, f.Config)
                .Select(v => v.Source).OfType<WorkloadNames>()
                .SelectMany(n => n.Components).Distinct(StringComparer.Ordinal);
            foreach (var target in targets.Select(f.System.Component))
            {
                var role = target.Kind == WorkloadKind.Job ? BuiltInRoles.Reader : BuiltInRoles.ContainerAppReader;
                f.Template.Add(RoleAssignments.Grant(workloads.ByComponent[target.Name], identity, role));
            }
        }
    }
}
