using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioning.Bicep.State;

namespace Provisioning.Operations;

/// <summary>Reads typed values out of state bodies (literals, <c>json('0.5')</c>, parameter references).</summary>
internal static partial class StateReading
{
    public static JsonNode? At(ResourceState resource, string path) => StateValues.At(resource.Body, path, out _);

    public static string? Text(DeploymentState state, ResourceState resource, string path) =>
        StateValues.Resolve(At(resource, path), state.Parameters) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static decimal? Number(DeploymentState state, ResourceState resource, string path) =>
        Number(StateValues.Resolve(At(resource, path), state.Parameters));

    public static decimal? Number(JsonNode? node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            return decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        if (StateValues.ExpressionText(node) is { } text && JsonCall().Match(text) is { Success: true } m)
        {
            return decimal.Parse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return null;
    }

    /// <summary>Container Apps memory (<c>0.5Gi</c>, <c>1Gi</c>) in GiB.</summary>
    public static decimal? Gibibytes(string? memory) =>
        memory is not null && memory.EndsWith("Gi", StringComparison.Ordinal) &&
        decimal.TryParse(memory[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var gi) ? gi : null;

    /// <summary>An ISO 8601 duration like PT1M, PT15M, PT1H in minutes.</summary>
    public static decimal? Minutes(string? duration)
    {
        if (duration is null)
        {
            return null;
        }
        try
        {
            return (decimal)System.Xml.XmlConvert.ToTimeSpan(duration).TotalMinutes;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^json\('([0-9.]+)'\)$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonCall();
}
