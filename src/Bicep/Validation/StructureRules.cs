using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Validation;

/// <summary>
/// Mistakes the Bicep compiler would reject later, caught while building so the message can name the model's
/// declaration and property: duplicate keys in one object (typically an extra-properties entry repeating a typed one),
/// a declaration that refers to itself, array or object literals inside an interpolation hole, and a symbol that hides a built-in function the template calls.
/// </summary>
public static class StructureRules
{
    public static IEnumerable<ValidationProblem> Check(BicepFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<ValidationProblem>();
        var calledFunctions = new HashSet<string>(StringComparer.Ordinal);

        foreach (var statement in file.Statements)
        {
            var subject = TemplateValidator.Describe(statement);
            foreach (var (path, expression) in TemplateValidator.ExpressionsOf(statement))
            {
                foreach (var visited in ExpressionWalker.Walk(expression, path))
                {
                    switch (visited.Expression)
                    {
                        case ObjectExpression obj when HasDuplicateKey(obj):
                            foreach (var duplicate in obj.Properties.Where(p => p.ComputedKey is null)
                                         .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                            {
                                problems.Add(new(subject, ExpressionWalker.Join(visited.Path, duplicate.Key),
                                    $"the property '{duplicate.Key}' is set {duplicate.Count()} times in one object (Bicep keys are case-insensitive); " +
                                    "set it once, e.g. drop the extra-properties entry that repeats a typed property."));
                            }
                            break;
                        case ReferenceExpression reference when reference.Symbol == statement.Name && statement is not OutputStatement:
                            problems.Add(new(subject, ExpressionWalker.PathOrWhole(visited.Path),
                                $"refers to '{statement.Name}' itself; a declaration cannot use its own value, refer to another declaration instead."));
                            break;
                        case FunctionCallExpression { Namespace: null } call:
                            calledFunctions.Add(call.Name);
                            break;
                    }
                    if (visited.Expression is InterpolatedString interpolated && HoldsArrayOrObjectLiteral(interpolated))
                    {
                        problems.Add(new(subject, ExpressionWalker.PathOrWhole(visited.Path),
                            "an interpolation hole holds an array or object literal, which Bicep does not allow inside '${…}' (BCP087); " +
                            "declare the array or object as a variable and use the variable in the hole."));
                    }
                }
            }
        }

        foreach (var statement in file.Statements.Where(s => s is not OutputStatement and not TargetScopeStatement))
        {
            if (calledFunctions.Contains(statement.Name))
            {
                problems.Add(new(TemplateValidator.Describe(statement), "",
                    $"'{statement.Name}' hides the built-in function {statement.Name}() that this template calls; rename the declaration."));
            }
        }
        // A literal in a nested interpolation is seen from every enclosing one; report it once.
        return problems.Distinct().ToList();
    }

    /// <summary>The cheap test run on every object; the grouping that names the duplicates runs only when it finds one.</summary>
    private static bool HasDuplicateKey(ObjectExpression obj)
    {
        if (obj.Properties.Length < 2)
        {
            return false;
        }
        var seen = new HashSet<string>(obj.Properties.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var property in obj.Properties)
        {
            if (property.ComputedKey is null && !seen.Add(property.Name))
            {
                return true;
            }
        }
        return false;
    }

    private static bool HoldsArrayOrObjectLiteral(InterpolatedString interpolated) =>
        interpolated.Segments.OfType<ExpressionSegment>()
            .SelectMany(hole => ExpressionWalker.Walk(hole.Expression))
            .Any(v => v.Expression is ArrayExpression or ObjectExpression);
}
