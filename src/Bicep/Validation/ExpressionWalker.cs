using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Validation;

/// <summary>A node of an expression tree with the property path that leads to it and whether it sits inside a secure sink.</summary>
public readonly record struct VisitedExpression(string Path, BicepExpression Expression, bool InsideSecureSink);

/// <summary>Enumerates every sub-expression with its property path, so rules can name the exact property they reject.</summary>
public static class ExpressionWalker
{
    public static IEnumerable<VisitedExpression> Walk(BicepExpression root, string path = "") => Walk(root, path, insideSecureSink: false);

    private static IEnumerable<VisitedExpression> Walk(BicepExpression expression, string path, bool insideSecureSink)
    {
        yield return new VisitedExpression(path, expression, insideSecureSink);
        var children = expression switch
        {
            ObjectExpression obj => obj.Properties.SelectMany(p => p.ComputedKey is null
                ? [(Join(path, p.Name), p.Value, insideSecureSink)]
                : new[] { (Join(path, "[key]"), (BicepExpression)p.ComputedKey, insideSecureSink), (Join(path, "[computed]"), p.Value, insideSecureSink) }),
            ArrayExpression array => array.Items.Select((item, i) => ($"{path}[{i}]", item, insideSecureSink)),
            InterpolatedString s => s.Segments.OfType<ExpressionSegment>().Select(e => (path, e.Expression, insideSecureSink)),
            MemberAccessExpression m => [(path, m.Target, insideSecureSink)],
            IndexExpression i => [(path, i.Target, insideSecureSink), (path, i.IndexValue, insideSecureSink)],
            FunctionCallExpression f => f.Arguments.Select(a => (path, a, insideSecureSink)),
            InstanceFunctionCallExpression f => [(path, f.Target, insideSecureSink), .. f.Arguments.Select(a => (path, a, insideSecureSink))],
            TernaryExpression t => [(path, t.Condition, insideSecureSink), (path, t.WhenTrue, insideSecureSink), (path, t.WhenFalse, insideSecureSink)],
            BinaryExpression b => [(path, b.Left, insideSecureSink), (path, b.Right, insideSecureSink)],
            UnaryExpression u => [(path, u.Operand, insideSecureSink)],
            SecureSinkExpression sink => [(path, sink.Inner, true)],
            _ => Enumerable.Empty<(string, BicepExpression, bool)>(),
        };
        foreach (var (childPath, child, secure) in children)
        {
            foreach (var visited in Walk(child, childPath, secure))
            {
                yield return visited;
            }
        }
    }

    /// <summary>The path of property <paramref name="name"/> under <paramref name="path"/>: <c>a.b</c>, or <c>b</c> at the root.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>A path for messages: the root value has the empty path and is called the whole value.</summary>
    public static string PathOrWhole(string path) => path.Length == 0 ? "(whole value)" : path;
}
