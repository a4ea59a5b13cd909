using System.Text.Json.Nodes;

namespace Provisioning.Bicep.Tests.Resources;

/// <summary>Finds things in compiled ARM JSON (the non-symbolic form: <c>resources</c> is an array).</summary>
internal static class ArmJson
{
    public static IEnumerable<JsonObject> ResourcesOfType(JsonObject template, string type) =>
        template["resources"]!.AsArray().OfType<JsonObject>()
            .Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The one resource of <paramref name="type"/> whose compiled name contains <paramref name="nameFragment"/>.</summary>
    public static JsonObject Resource(JsonObject template, string type, string nameFragment)
    {
        var matches = ResourcesOfType(template, type).Where(r => ((string?)r["name"] ?? "").Contains(nameFragment, StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, matches, $"expected one {type} named like '{nameFragment}'");
        return matches[0];
    }

    public static string Text(JsonNode? node, string path)
    {
        var current = node;
        foreach (var part in path.Split('.'))
        {
            current = int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                ? current?.AsArray()[index]
                : current?[part];
        }
        Assert.IsNotNull(current, $"no value at '{path}'");
        return current.GetValueKind() == System.Text.Json.JsonValueKind.String ? current.GetValue<string>() : current.ToJsonString();
    }

    public static IReadOnlyList<string> DependsOn(JsonObject resource) =>
        resource["dependsOn"]?.AsArray().Select(d => (string)d!).ToList() ?? [];
}
