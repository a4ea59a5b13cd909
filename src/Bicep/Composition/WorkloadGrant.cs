using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Authorization;

namespace Provisioning.Bicep.Composition;

/// <summary>
/// The result of a composite helper: the changed workload and the role assignment it now depends on. Add both to
/// the template (the role assignment may already be there if another workload with the same identity reads the
/// same secret; <see cref="TemplateExtensions.AddOnce{T}"/> handles that).
/// </summary>
public sealed record WorkloadGrant<T>(T Workload, RoleAssignment RoleAssignment) where T : Resource;
