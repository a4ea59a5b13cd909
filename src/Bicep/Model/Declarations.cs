using System.Collections.Immutable;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Model;

/// <summary>A template parameter with its decorators.</summary>
public sealed record Parameter(string Identifier, string Type)
{
    public BicepExpression? DefaultValue { get; init; }

    public string? Description { get; init; }

    /// <summary>Secure parameters are never logged by ARM; validation keeps them out of outputs and plain settings.</summary>
    public bool IsSecure { get; init; }

    public ImmutableArray<BicepExpression> AllowedValues { get; init; } = [];

    public long? MinLength { get; init; }

    public long? MaxLength { get; init; }

    public long? MinValue { get; init; }

    public long? MaxValue { get; init; }

    public ReferenceExpression Reference => new(Identifier);

    public ParameterStatement ToStatement()
    {
        var decorators = ImmutableArray.CreateBuilder<Decorator>();
        if (IsSecure)
        {
            decorators.Add(Decorator.Secure);
        }
        if (Description is not null)
        {
            decorators.Add(Decorator.Description(Description));
        }
        if (!AllowedValues.IsEmpty)
        {
            decorators.Add(Decorator.Allowed(AllowedValues));
        }
        if (MinLength is { } minLength)
        {
            decorators.Add(Decorator.MinLength(minLength));
        }
        if (MaxLength is { } maxLength)
        {
            decorators.Add(Decorator.MaxLength(maxLength));
        }
        if (MinValue is { } minValue)
        {
            decorators.Add(Decorator.MinValue(minValue));
        }
        if (MaxValue is { } maxValue)
        {
            decorators.Add(Decorator.MaxValue(maxValue));
        }
        return new ParameterStatement(Identifier, Type, DefaultValue) { Decorators = decorators.ToImmutable() };
    }
}

public sealed record Variable(string Identifier, BicepExpression Value)
{
    public string? Description { get; init; }

    public ReferenceExpression Reference => new(Identifier);

    public VariableStatement ToStatement() => new(Identifier, Value)
    {
        Decorators = Description is null ? [] : [Decorator.Description(Description)],
    };
}

public sealed record Output(string Identifier, string Type, BicepExpression Value)
{
    public string? Description { get; init; }

    /// <summary>A <c>@secure()</c> output is not logged by ARM, so it may carry a secure value (for a parent template to pass on).</summary>
    public bool IsSecure { get; init; }

    public OutputStatement ToStatement() => new(Identifier, Type, Value)
    {
        Decorators =
        [
            .. IsSecure ? [Decorator.Secure] : Array.Empty<Decorator>(),
            .. Description is null ? [] : new[] { Decorator.Description(Description) },
        ],
    };
}
