using System.Globalization;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Model;

/// <summary>Something that knows how to print itself as a Bicep expression (typed sub-objects of resources).</summary>
public interface IBicepSerializable
{
    BicepExpression ToExpression();
}

public enum BicepValueKind
{
    Unset,
    Literal,
    Expression,
}

/// <summary>
/// A typed property value that is a literal, an expression, or unset (omitted from the output), the idea behind
/// Azure.Provisioning's BicepValue&lt;T&gt;. Reading an output of a resource gives an expression, so typed code can
/// wire resources together without building strings.
/// </summary>
public readonly record struct BicepValue<T>
{
    private readonly T? _literal;
    private readonly BicepExpression? _expression;

    private BicepValue(BicepValueKind kind, T? literal, BicepExpression? expression)
    {
        Kind = kind;
        _literal = literal;
        _expression = expression;
    }

    public BicepValueKind Kind { get; }

    public bool IsSet => Kind != BicepValueKind.Unset;

    /// <summary>The literal value; only valid when <see cref="Kind"/> is <see cref="BicepValueKind.Literal"/>.</summary>
    public T Literal => Kind == BicepValueKind.Literal ? _literal! : throw new InvalidOperationException($"The value is {Kind}, not a literal.");

    public static BicepValue<T> Unset => default;

    public static BicepValue<T> FromLiteral(T value) => new(BicepValueKind.Literal, value, null);

    public static BicepValue<T> FromExpression(BicepExpression expression) =>
        new(BicepValueKind.Expression, default, expression ?? throw new ArgumentNullException(nameof(expression)));

#pragma warning disable CA2225 // The factory methods above are the named alternates.
    public static implicit operator BicepValue<T>(T value) => value is null ? Unset : FromLiteral(value);

    public static implicit operator BicepValue<T>(BicepExpression expression) => FromExpression(expression);
#pragma warning restore CA2225

    /// <summary>The expression to print; throws for unset values, which callers skip.</summary>
    public BicepExpression ToExpression() => Kind switch
    {
        BicepValueKind.Expression => _expression!,
        BicepValueKind.Literal => LiteralToExpression(_literal!),
        _ => throw new InvalidOperationException("An unset value has no expression."),
    };

    public override string ToString() => Kind switch
    {
        BicepValueKind.Literal => Convert.ToString(_literal, CultureInfo.InvariantCulture) ?? string.Empty,
        BicepValueKind.Expression => Writing.BicepWriter.Write(_expression!),
        _ => "<unset>",
    };

    private static BicepExpression LiteralToExpression(object value) => value switch
    {
        string s => new StringLiteral(s),
        bool b => new BooleanLiteral(b),
        int i => new IntegerLiteral(i),
        long l => new IntegerLiteral(l),
        IBicepSerializable serializable => serializable.ToExpression(),
        BicepExpression expression => expression,
        Enum e => new StringLiteral(e.ToString()),
        _ => throw new NotSupportedException($"No Bicep literal for values of type {value.GetType().Name}."),
    };
}
