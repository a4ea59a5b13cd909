using System.Collections.Immutable;

namespace Provisioning.Bicep.Syntax;

/// <summary>A decorator such as <c>@secure()</c> or <c>@description('…')</c>.</summary>
public sealed record Decorator(string Name, ImmutableArray<BicepExpression> Arguments)
{
    public static Decorator Secure { get; } = new("secure", []);

    public static Decorator Description(string text) => new("description", [new StringLiteral(text)]);

    public static Decorator Allowed(IEnumerable<BicepExpression> values) => new("allowed", [new ArrayExpression([.. values])]);

    public static Decorator MinLength(long value) => new("minLength", [new IntegerLiteral(value)]);

    public static Decorator MaxLength(long value) => new("maxLength", [new IntegerLiteral(value)]);

    public static Decorator MinValue(long value) => new("minValue", [new IntegerLiteral(value)]);

    public static Decorator MaxValue(long value) => new("maxValue", [new IntegerLiteral(value)]);
}

/// <summary>A top-level statement of a .bicep file.</summary>
public abstract record BicepStatement(string Name)
{
    public ImmutableArray<Decorator> Decorators { get; init; } = [];

    /// <summary>Linter rules disabled for this statement only (<c>#disable-next-line</c>); for known linter false positives.</summary>
    public ImmutableArray<string> DisabledLinterRules { get; init; } = [];
}

/// <summary><c>param name type = default</c></summary>
public sealed record ParameterStatement(string Name, string Type, BicepExpression? DefaultValue = null) : BicepStatement(Name)
{
    public bool IsSecure => Decorators.Any(d => d.Name == "secure");
}

/// <summary><c>var name = value</c></summary>
public sealed record VariableStatement(string Name, BicepExpression Value) : BicepStatement(Name);

/// <summary><c>resource name 'type@version' [existing] = [if (condition)] { body }</c></summary>
public sealed record ResourceStatement(string Name, string Type, string ApiVersion, ObjectExpression Body) : BicepStatement(Name)
{
    public bool IsExisting { get; init; }

    public BicepExpression? Condition { get; init; }

    /// <summary>Not printed: carried so the deployment state (<see cref="State.DeploymentStates"/>) can guard them.</summary>
    public ImmutableArray<State.CreateOnlyProperty> CreateOnlyProperties { get; init; } = [];

    /// <summary>Not printed: what deleting and re-creating this resource costs, for the create-only guard's message.</summary>
    public string RecreateConsequence { get; init; } = string.Empty;
}

/// <summary><c>output name type = value</c></summary>
public sealed record OutputStatement(string Name, string Type, BicepExpression Value) : BicepStatement(Name);

/// <summary><c>targetScope = 'resourceGroup'</c></summary>
public sealed record TargetScopeStatement(string Scope) : BicepStatement("targetScope");

/// <summary>A whole .bicep file.</summary>
public sealed record BicepFile(ImmutableArray<BicepStatement> Statements);

/// <summary>A whole .bicepparam file: <c>using 'main.bicep'</c> followed by parameter assignments.</summary>
public sealed record BicepParamFile(string UsingPath, ImmutableArray<ParameterAssignment> Assignments);

/// <summary><c>param name = value</c> in a .bicepparam file.</summary>
public sealed record ParameterAssignment(string Name, BicepExpression Value);
