using System.Collections.Immutable;

namespace Provisioning.Bicep.Syntax;

/// <summary>
/// A Bicep expression. The tree is immutable; <see cref="Writing.BicepWriter"/> is the only code that turns it into text,
/// so escaping and layout live in exactly one place.
/// </summary>
public abstract record BicepExpression
{
    public static implicit operator BicepExpression(string value) => new StringLiteral(value);
    public static implicit operator BicepExpression(long value) => new IntegerLiteral(value);
    public static implicit operator BicepExpression(bool value) => new BooleanLiteral(value);

    /// <summary><c>this.name</c></summary>
    public BicepExpression Member(string name) => new MemberAccessExpression(this, name);

    /// <summary><c>this[index]</c></summary>
    public BicepExpression Index(BicepExpression index) => new IndexExpression(this, index);

    /// <summary><c>this.name(args)</c>, e.g. <c>storage.listKeys()</c>.</summary>
    public BicepExpression CallMember(string name, params BicepExpression[] arguments) =>
        new InstanceFunctionCallExpression(this, name, [.. arguments]);
}

public sealed record StringLiteral(string Value) : BicepExpression;

public sealed record IntegerLiteral(long Value) : BicepExpression;

public sealed record BooleanLiteral(bool Value) : BicepExpression;

public sealed record NullLiteral : BicepExpression
{
    public static NullLiteral Instance { get; } = new();
}

/// <summary>A string with <c>${…}</c> holes, kept as segments so text is escaped and expressions are printed, never concatenated.</summary>
public sealed record InterpolatedString(ImmutableArray<InterpolationSegment> Segments) : BicepExpression;

public abstract record InterpolationSegment
{
    public static implicit operator InterpolationSegment(string text) => new TextSegment(text);
    public static implicit operator InterpolationSegment(BicepExpression expression) => new ExpressionSegment(expression);
}

public sealed record TextSegment(string Text) : InterpolationSegment;

public sealed record ExpressionSegment(BicepExpression Expression) : InterpolationSegment;

/// <summary>An object literal; property order is kept as given so output is deterministic.</summary>
public sealed record ObjectExpression(ImmutableArray<ObjectProperty> Properties) : BicepExpression
{
    public static ObjectExpression Empty { get; } = new(ImmutableArray<ObjectProperty>.Empty);
}

/// <summary>
/// One property of an object literal. <see cref="Name"/> is printed as an identifier or a quoted string; a computed key
/// (such as a user-assigned identity's resource id in <c>identity.userAssignedIdentities</c>) is given as
/// <see cref="ComputedKey"/> and printed as an interpolated string.
/// </summary>
public sealed record ObjectProperty(string Name, BicepExpression Value)
{
    public InterpolatedString? ComputedKey { get; init; }

    /// <summary>A property whose key is computed at deployment time, e.g. <c>'${identity.id}': {}</c>.</summary>
    public static ObjectProperty Computed(BicepExpression key, BicepExpression value) =>
        new("<computed>", value) { ComputedKey = key as InterpolatedString ?? new InterpolatedString([new ExpressionSegment(key)]) };
}

public sealed record ArrayExpression(ImmutableArray<BicepExpression> Items) : BicepExpression
{
    public static ArrayExpression Empty { get; } = new(ImmutableArray<BicepExpression>.Empty);
}

/// <summary>A reference to a declared symbol: parameter, variable, resource or module.</summary>
public sealed record ReferenceExpression(string Symbol) : BicepExpression;

public sealed record MemberAccessExpression(BicepExpression Target, string MemberName) : BicepExpression;

public sealed record IndexExpression(BicepExpression Target, BicepExpression IndexValue) : BicepExpression;

/// <summary>A call of a built-in function such as <c>resourceGroup()</c> or <c>uniqueString(…)</c>; <see cref="Namespace"/> is e.g. <c>az</c> or <c>sys</c>.</summary>
public sealed record FunctionCallExpression(string Name, ImmutableArray<BicepExpression> Arguments, string? Namespace = null) : BicepExpression;

/// <summary>A call on a resource or value, e.g. <c>storage.listKeys()</c>.</summary>
public sealed record InstanceFunctionCallExpression(BicepExpression Target, string Name, ImmutableArray<BicepExpression> Arguments) : BicepExpression;

public sealed record TernaryExpression(BicepExpression Condition, BicepExpression WhenTrue, BicepExpression WhenFalse) : BicepExpression;

public sealed record BinaryExpression(BicepExpression Left, BinaryOperator Operator, BicepExpression Right) : BicepExpression;

public sealed record UnaryExpression(UnaryOperator Operator, BicepExpression Operand) : BicepExpression;

/// <summary>
/// Marks a place that may legitimately receive a secure value (a secret's value, a password property).
/// Printed as its inner expression; validation rejects secure values anywhere else.
/// </summary>
public sealed record SecureSinkExpression(BicepExpression Inner) : BicepExpression;

public enum BinaryOperator
{
    Equals,
    NotEquals,
    EqualsCaseInsensitive,
    NotEqualsCaseInsensitive,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    And,
    Or,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Coalesce,
}

public enum UnaryOperator
{
    Not,
    Minus,

    /// <summary>Postfix <c>!</c>: asserts a value (e.g. a conditional resource used under the same condition) is not null.</summary>
    NonNullAssertion,
}
