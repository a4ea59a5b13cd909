using Provisioning.Bicep.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>The images to run and the secrets, which only the main template needs.</summary>
    private static DeploymentParameters AddDeploymentParameters(Foundation f)
    {
        var t = f.Template;
        var images = f.System.Components.ToDictionary(c => c.Name, c => t.Add(new Parameter(c.ImageParameter, "string")
        {
            Description = $"The {c.Name} image in this environment's registry, as repository:tag or repository@sha256:digest.",
            MinLength = 3,
        }));
        var secure = f.System.SecureParametersFor(f.Config).ToDictionary(p => p.Name, p => t.Add(new Parameter(p.Name, "string")
        {
            IsSecure = true,
            Description = p.Description,
            MinLength = p.MinLength,
            MaxLength = p.MaxLength,
        }));
        return new DeploymentParameters(images, secure);
    }
}
