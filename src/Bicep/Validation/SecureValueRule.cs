using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Validation;

/// <summary>
/// Secure values (secure parameters, variables computed from them, and <c>list*()</c>/<c>getSecret()</c> calls that
/// return secrets) may only reach places marked as secure sinks (<see cref="SecureSinkExpression"/>) or outputs
/// decorated <c>@secure()</c>: never a plain output, a plain setting, an environment value, a tag or a name.
/// ARM logs plain values in deployment history, so a secret there is a leaked secret.
/// </summary>
public static class SecureValueRule
{
    private const string Fix =
        "pass a Key Vault reference instead (a secret URI with secretRef/keyVaultUrl, or a Key Vault-backed parameter), " +
        "or, where the property really is a secret (a password or secret value), mark it as a secure sink with Bicep.Secure(…)";

    public static IEnumerable<ValidationProblem> Check(BicepFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var sources = SecureSources(file);
        var problems = new List<ValidationProblem>();
        foreach (var parameter in file.Statements.OfType<ParameterStatement>().Where(p => p.IsSecure && HasSecretDefault(p)))
        {
            problems.Add(new(TemplateValidator.Describe(parameter), "default value",
                "a secure parameter must not have a literal default, which would be stored in the template in plain text; " +
                "remove the default and pass the value in the parameter file (readEnvironmentVariable(…) or a Key Vault reference)."));
        }
        foreach (var statement in file.Statements)
        {
            // A variable computed from a secret is itself a secret (tracked in SecureSources); it is reported where it is used.
            if (statement is VariableStatement || IsSecureDeclaration(statement))
            {
                continue;
            }
            foreach (var (path, expression) in TemplateValidator.ExpressionsOf(statement))
            {
                foreach (var visited in ExpressionWalker.Walk(expression, path))
                {
                    if (visited.InsideSecureSink)
                    {
                        continue;
                    }
                    var origin = DescribeSecret(visited.Expression, sources);
                    if (origin is not null)
                    {
                        problems.Add(new(TemplateValidator.Describe(statement), ExpressionWalker.PathOrWhole(visited.Path),
                            $"receives {origin}, a secure value, outside a secure sink; {Fix}."));
                    }
                }
            }
        }
        return problems;
    }

    /// <summary>Whether a call returns secrets: <c>listKeys()</c>, <c>listSecrets()</c>, <c>listCredentials()</c>, <c>getSecret()</c>, …</summary>
    public static bool IsSecretFunction(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith("list", StringComparison.Ordinal) || name == "getSecret";
    }

    /// <summary>
    /// Secure parameters and, to a fixed point, the variables whose value mentions one of them (or a secret function),
    /// each mapped to a phrase that explains where the secret comes from.
    /// </summary>
    private static Dictionary<string, string> SecureSources(BicepFile file)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in file.Statements.OfType<ParameterStatement>().Where(p => p.IsSecure))
        {
            sources[parameter.Name] = $"secure parameter '{parameter.Name}'";
        }
        var variables = file.Statements.OfType<VariableStatement>().ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var variable in variables.Where(v => !sources.ContainsKey(v.Name)))
            {
                var origin = ExpressionWalker.Walk(variable.Value)
                    .Select(visited => DescribeSecret(visited.Expression, sources))
                    .FirstOrDefault(o => o is not null);
                if (origin is not null)
                {
                    sources[variable.Name] = $"variable '{variable.Name}' (computed from {origin})";
                    changed = true;
                }
            }
        }
        while (changed);
        return sources;
    }

    private static string? DescribeSecret(BicepExpression expression, Dictionary<string, string> sources) => expression switch
    {
        ReferenceExpression reference when sources.TryGetValue(reference.Symbol, out var origin) => origin,
        InstanceFunctionCallExpression call when IsSecretFunction(call.Name) => $"the result of {Writing.BicepWriter.Write(call)}",
        FunctionCallExpression call when call.Namespace is null or "az" && IsSecretFunction(call.Name) => $"the result of {call.Name}(…)",
        _ => null,
    };

    /// <summary>Literal text or data as a default (an empty string or object is harmless, and an expression is computed at deployment).</summary>
    private static bool HasSecretDefault(ParameterStatement parameter) => parameter.DefaultValue switch
    {
        StringLiteral s => s.Value.Length > 0,
        ObjectExpression o => !o.Properties.IsEmpty,
        ArrayExpression a => !a.Items.IsEmpty,
        InterpolatedString i => i.Segments.OfType<TextSegment>().Any(t => t.Text.Length > 0),
        IntegerLiteral or BooleanLiteral => true,
        _ => false,
    };

    /// <summary>A secure parameter's own decorators and default, and an output marked <c>@secure()</c>, may hold secrets.</summary>
    private static bool IsSecureDeclaration(BicepStatement statement) =>
        statement is ParameterStatement { IsSecure: true }
        || (statement is OutputStatement && statement.Decorators.Any(d => d.Name == "secure"));
}
