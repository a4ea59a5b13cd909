using System.Collections.Immutable;

namespace Provisioning.Bicep.Syntax;

/// <summary>Short constructors for expressions so builders read like the Bicep they produce.</summary>
public static class Bicep
{
    public static BicepExpression Null => NullLiteral.Instance;

    public static ReferenceExpression Ref(string symbol) => new(symbol);

    public static FunctionCallExpression Call(string name, params BicepExpression[] arguments) => new(name, [.. arguments]);

    /// <summary>
    /// An interpolated string. A segment that is itself an interpolated string or a string literal is spliced in, so
    /// a name built elsewhere reads as one string (<c>'psql-${x}.host'</c>, not <c>'${'psql-${x}'}.host'</c>).
    /// </summary>
    public static InterpolatedString Interpolate(params InterpolationSegment[] segments)
    {
        var flat = ImmutableArray.CreateBuilder<InterpolationSegment>(segments.Length);
        foreach (var segment in segments.SelectMany(Splice))
        {
            if (segment is TextSegment text && flat.Count > 0 && flat[^1] is TextSegment previous)
            {
                flat[^1] = new TextSegment(previous.Text + text.Text);
            }
            else
            {
                flat.Add(segment);
            }
        }
        return new InterpolatedString(flat.ToImmutable());
    }

    private static IEnumerable<InterpolationSegment> Splice(InterpolationSegment segment) => segment switch
    {
        ExpressionSegment { Expression: InterpolatedString inner } => inner.Segments,
        ExpressionSegment { Expression: StringLiteral literal } => [new TextSegment(literal.Value)],
        _ => [segment],
    };

    public static ArrayExpression Array(params BicepExpression[] items) => new([.. items]);

    public static ArrayExpression Array(IEnumerable<BicepExpression> items) => new([.. items]);

    public static ObjectExpression Object(params ObjectProperty[] properties) => new([.. properties]);

    public static ObjectExpression Object(IEnumerable<ObjectProperty> properties) => new([.. properties]);

    public static ObjectProperty Prop(string name, BicepExpression value) => new(name, value);

    public static TernaryExpression If(BicepExpression condition, BicepExpression whenTrue, BicepExpression whenFalse) => new(condition, whenTrue, whenFalse);

    public static BinaryExpression Binary(BicepExpression left, BinaryOperator op, BicepExpression right) => new(left, op, right);

    public static UnaryExpression Not(BicepExpression operand) => new(UnaryOperator.Not, operand);

    /// <summary><c>operand!</c>: the non-null assertion.</summary>
    public static UnaryExpression NonNull(BicepExpression operand) => new(UnaryOperator.NonNullAssertion, operand);

    public static SecureSinkExpression Secure(BicepExpression inner) => new(inner);

    // Built-in functions used often enough to deserve a name.
    public static FunctionCallExpression ResourceGroup() => Call("resourceGroup");

    public static FunctionCallExpression Subscription() => Call("subscription");

    public static FunctionCallExpression Tenant() => Call("tenant");

    public static FunctionCallExpression UniqueString(params BicepExpression[] seeds) => Call("uniqueString", seeds);

    public static FunctionCallExpression Guid(params BicepExpression[] seeds) => Call("guid", seeds);

    public static FunctionCallExpression SubscriptionResourceId(string type, params BicepExpression[] names) =>
        new("subscriptionResourceId", [new StringLiteral(type), .. names]);

    public static FunctionCallExpression Environment() => Call("environment");

    public static ImmutableArray<T> ToImmutable<T>(this IEnumerable<T> items) => [.. items];
}
