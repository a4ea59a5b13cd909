using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Validation;

/// <summary>
/// The rules every template must pass before it is printed. Each problem names the declaration and the property,
/// and says how to fix it.
/// </summary>
public static class TemplateValidator
{
    // Words Bicep reserves; a symbol with one of these names does not compile or shadows a language construct.
    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "metadata", "param", "var", "resource", "module", "output", "targetScope", "import", "using", "type", "func",
        "existing", "if", "for", "in", "true", "false", "null", "assert", "extension", "with", "as",
        "az", "sys",
    };

    public static IReadOnlyList<ValidationProblem> Validate(BicepFile file, IReadOnlyList<Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<ValidationProblem>();
        var declared = new Dictionary<string, BicepStatement>(StringComparer.Ordinal);
        var referenceable = new HashSet<string>(StringComparer.Ordinal);

        foreach (var statement in file.Statements.Where(s => s is not TargetScopeStatement))
        {
            var subject = Describe(statement);
            if (!BicepIdentifier.IsValid(statement.Name))
            {
                problems.Add(new(subject, "", $"'{statement.Name}' is not a valid Bicep identifier; use letters, digits and '_' and start with a letter or '_'."));
            }
            else if (ReservedWords.Contains(statement.Name))
            {
                problems.Add(new(subject, "", $"'{statement.Name}' is a reserved word in Bicep; choose another name."));
            }
            // Outputs live in their own namespace in Bicep; everything else shares one.
            var key = statement is OutputStatement ? "output:" + statement.Name : statement.Name;
            if (!declared.TryAdd(key, statement))
            {
                problems.Add(new(subject, "", $"'{statement.Name}' is declared more than once ({Describe(declared[key])} already uses it); give each declaration its own name."));
            }
            if (statement is not OutputStatement)
            {
                referenceable.Add(statement.Name);
            }
        }

        foreach (var statement in file.Statements)
        {
            foreach (var (path, expression) in ExpressionsOf(statement))
            {
                foreach (var visited in ExpressionWalker.Walk(expression, path))
                {
                    if (visited.Expression is ReferenceExpression reference && !referenceable.Contains(reference.Symbol))
                    {
                        problems.Add(new(Describe(statement), visited.Path,
                            $"refers to '{reference.Symbol}', which is not declared in this template; add it to the template or fix the reference."));
                    }
                }
            }
        }

        problems.AddRange(StructureRules.Check(file));
        problems.AddRange(SecureValueRule.Check(file));
        problems.AddRange(NamingRuleCheck.Check(resources));
        return problems;
    }

    public static string Describe(BicepStatement statement) => statement switch
    {
        ParameterStatement => $"parameter '{statement.Name}'",
        VariableStatement => $"variable '{statement.Name}'",
        ResourceStatement r => $"resource '{statement.Name}' ({r.Type})",
        OutputStatement => $"output '{statement.Name}'",
        _ => statement.Name,
    };

    /// <summary>The expressions a statement holds, each with the path of the property it sits in.</summary>
    public static IEnumerable<(string Path, BicepExpression Expression)> ExpressionsOf(BicepStatement statement)
    {
        foreach (var decorator in statement.Decorators)
        {
            foreach (var argument in decorator.Arguments)
            {
                yield return ("@" + decorator.Name, argument);
            }
        }
        switch (statement)
        {
            case ParameterStatement { DefaultValue: { } defaultValue }:
                yield return ("default value", defaultValue);
                break;
            case VariableStatement v:
                yield return ("", v.Value);
                break;
            case ResourceStatement r:
                if (r.Condition is not null)
                {
                    yield return ("condition", r.Condition);
                }
                yield return ("", r.Body);
                break;
            case OutputStatement o:
                yield return ("value", o.Value);
                break;
        }
    }
}
