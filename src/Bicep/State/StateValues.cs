using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Writing;

namespace Provisioning.Bicep.State;

/// <summary>
/// Bicep expressions as state values: literals become JSON values, object and array literals JSON objects and arrays,
/// anything evaluated at deployment time <c>{"$bicep": "&lt;Bicep text&gt;"}</c>. Keys starting with <c>$</c> are
/// reserved: a literal key <c>$x</c> is written <c>$$x</c>, a computed key <c>$'${…}'</c> (its Bicep text).
/// </summary>
public static class StateValues
{
    public const string ExpressionKey = "$bicep";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonNode? From(BicepExpression expression) => expression switch
    {
        StringLiteral s => JsonValue.Create(s.Value),
        IntegerLiteral i => JsonValue.Create(i.Value),
        BooleanLiteral b => JsonValue.Create(b.Value),
        NullLiteral => null,
        // The sink only marks where a secret may go; the value printed is the inner expression (a reference, never a secret).
        SecureSinkExpression sink => From(sink.Inner),
        ObjectExpression o => Object(o),
        ArrayExpression a => new JsonArray([.. a.Items.Select(From)]),
        _ => Expression(BicepWriter.Write(expression)),
    };

    public static JsonObject Expression(string bicepText) => new() { [ExpressionKey] = bicepText };

    /// <summary>The Bicep text of an expression value, or null for literals.</summary>
    public static string? ExpressionText(JsonNode? node) =>
        node is JsonObject o && o.Count == 1 && o[ExpressionKey] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Compact JSON, used to compare values and to print them in messages (<c>90</c>, <c>"Enabled"</c>, <c>null</c>).</summary>
    public static string ToJson(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    /// <summary>How a value reads in a message: literals as JSON, expressions as their Bicep text, "(not set)".</summary>
    /// <remarks>An array of expressions only (a dependency list) reads as <c>[a, b]</c>, not as its JSON.</remarks>
    public static string Display(JsonNode? node, bool isSet = true) =>
        !isSet ? "(not set)"
        : node is JsonArray { Count: > 0 } items && items.All(i => ExpressionText(i) is not null) ? $"[{string.Join(", ", items.Select(ExpressionText))}]"
        : ExpressionText(node) ?? ToJson(node);

    /// <summary>The value at a dotted path (<c>properties.backup.geoRedundantBackup</c>); <c>found</c> is false when a segment is missing.</summary>
    public static JsonNode? At(JsonObject body, string path, out bool found)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? current = body;
        foreach (var segment in path.Split('.'))
        {
            if (current is not JsonObject o || ExpressionText(o) is not null || !o.TryGetPropertyValue(segment, out current))
            {
                found = false;
                return null;
            }
        }
        found = true;
        return current;
    }

    /// <summary>
    /// A reference to a parameter that the parameter file (or the parameter's default) sets to a literal is replaced by
    /// that literal, so that moving an environment to another region shows as <c>"westeurope"</c> → <c>"northeurope"</c>
    /// even though the template only says <c>location</c>.
    /// </summary>
    public static JsonNode? Resolve(JsonNode? node, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return ExpressionText(node) is { } text && BicepWriter.IsIdentifier(text) &&
               parameters.TryGetPropertyValue(text, out var value) && ExpressionText(value) is null
            ? value
            : node;
    }

    private static JsonObject Object(ObjectExpression o)
    {
        var result = new JsonObject();
        foreach (var property in o.Properties)
        {
            var key = property.ComputedKey is { } computed ? "$" + BicepWriter.Write(computed)
                : property.Name.StartsWith('$') ? "$" + property.Name
                : property.Name;
            result.Add(key, From(property.Value));
        }
        return result;
    }
}
