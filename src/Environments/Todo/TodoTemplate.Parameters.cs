using System.Diagnostics.CodeAnalysis;
using Provisioning.Bicep.Model;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>The image each of <paramref name="components"/> runs (main: every one; data: the jobs).</summary>
    private static IReadOnlyDictionary<string, Parameter> AddImageParameters(Foundation f, IEnumerable<ComponentSpec> components) =>
        components.ToDictionary(c => c.Name, c => f.Template.Add(new Parameter(c.ImageParameter, "string")
        {
            Description = $"The {c.Name} image in this environment's registry, as repository:tag or repository@sha256:digest.",
            MinLength = 3,
        }));

    /// <summary>
    /// The secure parameters and presence flags a template may read. Each is declared the first time a part of the
    /// template reads it, so a template declares exactly what it uses (the strict linter rejects an unused parameter):
    /// the main template reads the administrator password (the server), bootstrap.bicep reads no secret at all. The
    /// secrets' values are no deployment's business any more: `secrets init` creates them in Key Vault, and the
    /// .bicepparam passes the one value a resource needs as a Key Vault reference (getSecret), see EnvironmentGenerator.
    /// </summary>
    private static SecureParameters AddSecureParameters(Foundation f)
    {
        var specs = f.System.SecureParametersFor(f.Config).ToDictionary(p => p.Name);
        var secure = new DeclaredOnUse(f.Template, specs.Keys, name => new Parameter(name, "string")
        {
            IsSecure = true,
            Description = specs[name].Description + " Read from Key Vault with getSecret() in the parameter file; `secrets init` created it.",
            MinLength = specs[name].Optional ? null : specs[name].MinLength,
            MaxLength = specs[name].MaxLength,
        });
        var optional = specs.Values.Where(p => p.Optional).ToDictionary(p => p.Name);
        var presence = new DeclaredOnUse(f.Template, optional.Keys, name => new Parameter(optional[name].PresenceParameter, "bool")
        {
            Description = $"Whether the vault holds {f.System.Secrets.First(s => s.Content.Parameters.Contains(name)).Name} (a rotation window): " +
                $"the parameter file reads {optional[name].PresenceVariable}, a flag and never the value.",
        });
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

    /// <summary>A parameter per key, added to the template the first time it is looked up, then the same one.</summary>
    private sealed class DeclaredOnUse(BicepTemplate template, IEnumerable<string> keys, Func<string, Parameter> declare) : IReadOnlyDictionary<string, Parameter>
    {
        private readonly HashSet<string> known = [.. keys];
        private readonly Dictionary<string, Parameter> declared = [];

        public Parameter this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The environment declares no secure parameter '{key}'.");

        public IEnumerable<string> Keys => declared.Keys;

        public IEnumerable<Parameter> Values => declared.Values;

        public int Count => declared.Count;

        public bool ContainsKey(string key) => known.Contains(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out Parameter value)
        {
            if (declared.TryGetValue(key, out value))
            {
                return true;
            }
            if (!known.Contains(key))
            {
                return false;
            }
            value = template.Add(declare(key));
            declared[key] = value;
            return true;
        }

        public IEnumerator<KeyValuePair<string, Parameter>> GetEnumerator() => declared.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
