using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>
/// A container environment variable: a plain <c>value</c>, or a <c>secretRef</c> naming one of the app's secrets.
/// Secrets never travel as plain values; validation rejects secure values here.
/// </summary>
public sealed record EnvironmentVariable : IBicepSerializable, IConditional
{
    private EnvironmentVariable(string name, BicepValue<string> value, string? secretRef)
    {
        Name = name;
        Value = value;
        SecretRef = secretRef;
    }

    public string Name { get; }

    public BicepValue<string> Value { get; }

    public string? SecretRef { get; }

    /// <summary>Set: the variable exists only while this holds at deployment time.</summary>
    public BicepExpression? Condition { get; init; }

    public static EnvironmentVariable Plain(string name, BicepValue<string> value) => new(name, value, null);

    public static EnvironmentVariable FromSecret(string name, string secretName) => new(name, BicepValue<string>.Unset, secretName);

    public BicepExpression ToExpression() => new BicepObjectBuilder()
        .Add("name", (BicepExpression)Name)
        .Add("value", Value)
        .Add("secretRef", SecretRef is null ? null : (BicepExpression)SecretRef)
        .Build();
}
