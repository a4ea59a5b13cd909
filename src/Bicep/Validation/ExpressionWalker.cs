using System.Collections.Immutable;
using System.Globalization;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Validation;

/// <summary>A node of an expression tree with the property path that leads to it and whether it sits inside a secure sink.</summary>
public readonly struct VisitedExpression(PropertyPath path, BicepExpression expression, bool insideSecureSink)
{
    /// <summary><c>properties.template.containers[0].env[2].value</c>; empty at the root. Made when asked (for a message), not while walking.</summary>
    public string Path => path.ToString();

    public BicepExpression Expression { get; } = expression;

    public bool InsideSecureSink { get; } = insideSecureSink;

    internal PropertyPath PropertyPath => path;
}

/// <summary>
/// A property path as a chain of segments from the root, written out only by <see cref="ToString"/>: the walk visits
/// every node of every template several times and almost never needs a path, so it does not build one per node.
/// </summary>
public sealed class PropertyPath
{
    private readonly PropertyPath? _parent;
    private readonly string? _name;
    private readonly int _index;

    private PropertyPath(PropertyPath? parent, string? name, int index)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    public static PropertyPath Root(string path) => new(null, path, -1);

    /// <summary><c>a.b</c> (or <c>b</c> at an empty root).</summary>
    public PropertyPath Property(string name) => new(this, name, -1);

    /// <summary><c>a[i]</c>.</summary>
    public PropertyPath Item(int index) => new(this, null, index);

    public override string ToString()
    {
        if (_parent is null)
        {
            return _name ?? "";
        }
        var parent = _parent.ToString();
        return _name is null
            ? string.Create(CultureInfo.InvariantCulture, $"{parent}[{_index}]")
            : ExpressionWalker.Join(parent, _name);
    }
}

/// <summary>Enumerates every sub-expression with its property path, so rules can name the exact property they reject.</summary>
public static class ExpressionWalker
{
    /// <summary>
    /// Every node of <paramref name="root"/>, parents before children and children in source order (pre-order).
    /// One explicit stack rather than nested iterators: with nested <c>yield</c> each node passed through every
    /// enclosing iterator, which made walking the templates the largest share of a generation run.
    /// </summary>
    public static IEnumerable<VisitedExpression> Walk(BicepExpression root, string path = "")
    {
        ArgumentNullException.ThrowIfNull(root);
        var pending = new Stack<VisitedExpression>();
        pending.Push(new VisitedExpression(PropertyPath.Root(path), root, insideSecureSink: false));
        while (pending.Count > 0)
        {
            var visited = pending.Pop();
            yield return visited;
            PushChildren(visited, pending);
        }
    }

    /// <summary>Pushes the children last first, so they pop in source order.</summary>
    private static void PushChildren(VisitedExpression parent, Stack<VisitedExpression> pending)
    {
        var path = parent.PropertyPath;
        var secure = parent.InsideSecureSink;
        void Push(PropertyPath childPath, BicepExpression child) => pending.Push(new VisitedExpression(childPath, child, secure));
        void PushAll(ImmutableArray<BicepExpression> children)
        {
            for (var i = children.Length - 1; i >= 0; i--)
            {
                Push(path, children[i]);
            }
        }
        switch (parent.Expression)
        {
            case ObjectExpression obj:
                for (var i = obj.Properties.Length - 1; i >= 0; i--)
                {
                    var p = obj.Properties[i];
                    if (p.ComputedKey is null)
                    {
                        Push(path.Property(p.Name), p.Value);
                    }
                    else
                    {
                        Push(path.Property("[computed]"), p.Value);
                        Push(path.Property("[key]"), p.ComputedKey);
                    }
                }
                break;
            case ArrayExpression array:
                for (var i = array.Items.Length - 1; i >= 0; i--)
                {
                    Push(path.Item(i), array.Items[i]);
                }
                break;
            case InterpolatedString s:
                for (var i = s.Segments.Length - 1; i >= 0; i--)
                {
                    if (s.Segments[i] is ExpressionSegment e)
                    {
                        Push(path, e.Expression);
                    }
                }
                break;
            case MemberAccessExpression m:
                Push(path, m.Target);
                break;
            case IndexExpression i:
                Push(path, i.IndexValue);
                Push(path, i.Target);
                break;
            case FunctionCallExpression f:
                PushAll(f.Arguments);
                break;
            case InstanceFunctionCallExpression f:
                PushAll(f.Arguments);
                Push(path, f.Target);
                break;
            case TernaryExpression t:
                Push(path, t.WhenFalse);
                Push(path, t.WhenTrue);
                Push(path, t.Condition);
                break;
            case BinaryExpression b:
                Push(path, b.Right);
                Push(path, b.Left);
                break;
            case UnaryExpression u:
                Push(path, u.Operand);
                break;
            case SecureSinkExpression sink:
                pending.Push(new VisitedExpression(path, sink.Inner, insideSecureSink: true));
                break;
        }
    }

    /// <summary>The path of property <paramref name="name"/> under <paramref name="path"/>: <c>a.b</c>, or <c>b</c> at the root.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>A path for messages: the root value has the empty path and is called the whole value.</summary>
    public static string PathOrWhole(string path) => path.Length == 0 ? "(whole value)" : path;
}
