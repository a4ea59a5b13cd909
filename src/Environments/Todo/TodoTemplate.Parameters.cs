using Provisioning.Bicep.Model;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>The image each component runs; only the main template deploys workloads.</summary>
    private static IReadOnlyDictionary<string, Parameter> AddImageParameters(Foundation f) =>
        f.System.Components.ToDictionary(c => c.Name, c => f.Template.Add(new Parameter(c.ImageParameter, "string")
        {
            Description = $"The {c.Name} image in this environment's registry, as repository:tag or repository@sha256:digest.",
            MinLength = 3,
        }));

    /// <summary>The secrets' parameters; both templates take them, as both write the secrets.</summary>
    private static SecureParameters AddSecureParameters(Foundation f)
    {
        var t = f.Template;
        var secure = f.System.SecureParametersFor(f.Config).ToDictionary(p => p.Name, p => t.Add(new Parameter(p.Name, "string")
        {
            IsSecure = true,
            Description = p.Description,
            // An optional value may be empty; its secret and readers exist only while it is set (SecretCondition).
            MinLength = p.Optional ? null : p.MinLength,
            MaxLength = p.MaxLength,
        }));
        var presence = f.System.SecureParametersFor(f.Config).Where(p => p.Optional).ToDictionary(p => p.Name, p => t.Add(new Parameter(p.PresenceParameter, "bool")
        {
            Description = $"Whether {p.Variable} is set; the parameter file derives it from the same environment variable.",
        }));
        return new SecureParameters(secure, presence);
    }

    /// <summary>The presence flag of each optional parameter the secret is made of, and-ed; null when it always exists.</summary>
    private static Bicep.Syntax.BicepExpression? SecretCondition(Foundation f, SecureParameters parameters, SecretSpec secret) =>
        secret.Content.Parameters.Where(p => f.System.SecureParameter(p).Optional)
            .Select(p => (Bicep.Syntax.BicepExpression)parameters.Presence[p].Reference)
            .Aggregate((Bicep.Syntax.BicepExpression?)null, (all, next) => all is null ? next : Expr.Binary(all, Bicep.Syntax.BinaryOperator.And, next));

    /// <summary>The secrets the component reads, through its secret variables, in the order of its variables.</summary>
    private static IEnumerable<SecretSpec> SecretsReadBy(Foundation f, ComponentSpec component) =>
        f.System.VariablesFor(component, f.Config).Where(v => v.IsSecret)
            .Select(v => f.System.Secret(((SecretValue)v.Source).Secret));
}
