using System.Globalization;
using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;

namespace Provisioning.Environments.Configuration;

/// <summary>
/// The JSON Schema of env/&lt;env&gt;.json (embedded from env/environment.schema.json), and the translation of its
/// verdicts into messages that say where, what and how to fix.
/// </summary>
public static class EnvironmentSchema
{
    private static readonly Lazy<(JsonSchema Schema, JsonNode Document)> Loaded = new(Load);

    // One instance of each, shared as the library's own default is: a schema keeps the constraints it compiled for
    // the options it was last called with (JsonSchema._lastCalledOptions), so fresh options on every call rebuilt
    // them every time, which was most of the cost of loading a file.
    private static readonly EvaluationOptions FlagOnly = new() { OutputFormat = OutputFormat.Flag };

    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List, Culture = CultureInfo.InvariantCulture };

    public static JsonNode Document => Loaded.Value.Document;

    public static IReadOnlyList<ConfigurationProblem> Validate(JsonNode instance, string file)
    {
        // A valid file (the usual case) needs only the yes/no answer, which stops at the first failure and builds no
        // result tree; the detailed list, several times as costly, is evaluated only to describe what is wrong.
        if (Loaded.Value.Schema.Evaluate(instance, FlagOnly).IsValid)
        {
            return [];
        }
        var results = Loaded.Value.Schema.Evaluate(instance, Detailed);
        if (results.IsValid)
        {
            return [];
        }

        var problems = new List<ConfigurationProblem>();
        foreach (var detail in results.Details.Where(d => d.HasErrors))
        {
            foreach (var (keyword, message) in detail.Errors!)
            {
                var problem = Describe(file, instance, detail, keyword, message);
                if (problem is not null && !problems.Contains(problem))
                {
                    problems.Add(problem);
                }
            }
        }
        return problems;
    }

    private static ConfigurationProblem? Describe(string file, JsonNode instance, EvaluationResults detail, string keyword, string message)
    {
        var pointer = detail.InstanceLocation;
        var path = ToJsonPath(pointer);
        var value = pointer.TryEvaluate(instance, out var node) ? node : null;
        var schemaNode = SchemaNodeOf(detail) as JsonObject;
        var description = schemaNode?["description"]?.GetValue<string>();
        var hint = description is null ? "See env/environment.schema.json." : description;

        switch (keyword)
        {
            case "required":
                var missing = (schemaNode?["required"]?.AsArray() ?? [])
                    .Select(n => n!.GetValue<string>())
                    .Where(name => value is not JsonObject obj || !obj.ContainsKey(name))
                    .ToList();
                if (missing.Count == 0)
                {
                    return null;
                }
                return new(file, path, $"missing required setting(s): {string.Join(", ", missing.Select(m => $"'{m}'"))}.",
                    $"add {string.Join(" and ", missing.Select(m => $"\"{m}\""))} here; see env/environment.schema.json for their meaning.");
            case "" or "false":
                // additionalProperties: false reports each unknown property against the false schema.
                var parent = ParentObjectSchema(detail);
                var allowed = parent?["properties"]?.AsObject().Select(p => p.Key).Where(k => k != "$schema").ToList() ?? [];
                var name = pointer.Count > 0 ? pointer[pointer.Count - 1] : path;
                if (LooksLikeSecret(name))
                {
                    return new(file, path, $"unknown setting {SecretRedaction.Describe(name)}.",
                        $"Secrets never go in environment files: remove it and provide the value at deployment time through the environment variables listed in the README ({string.Join(", ", TodoSystem.Description.SecureParameters.Select(p => p.Variable))}).");
                }
                var suggestion = allowed.OrderBy(a => EditDistance.Between(a, name)).FirstOrDefault(a => EditDistance.Between(a, name) <= 3);
                return new(file, path, $"unknown setting {SecretRedaction.Describe(name)}.",
                    suggestion is not null
                        ? $"did you mean '{suggestion}'? Allowed here: {string.Join(", ", allowed)}."
                        : $"remove it; allowed here: {string.Join(", ", allowed)}.");
            case "type":
                return new(file, path, $"has the wrong type: {message}", $"use the type the schema expects. {hint}");
            case "enum":
                var options = schemaNode?["enum"]?.AsArray().Select(o => o!.ToJsonString()) ?? [];
                return new(file, path, $"value {Echo(value)} is not allowed.", $"use one of {string.Join(", ", options)}.");
            case "pattern":
                return new(file, path, $"value {Echo(value)} does not have the expected form.", hint);
            case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" or "minLength" or "maxLength":
                var range = (schemaNode?["minimum"], schemaNode?["maximum"]) is ({ } low, { } high)
                    ? $"use a value from {low.ToJsonString()} to {high.ToJsonString()}. "
                    : "";
                return new(file, path, $"value {Echo(value)} is out of range: {message}", range + (description ?? ""));
            case "allOf" or "$ref" or "properties" or "additionalProperties" or "items":
                // Summaries of nested failures that are reported on their own.
                return null;
            default:
                return new(file, path, message, hint);
        }
    }

    /// <summary>A JSON value as an error may show it: strings through <see cref="SecretRedaction.Describe"/>.</summary>
    private static string Echo(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && SecretRedaction.LooksSecret(text) ? SecretRedaction.Describe(text)
        : value is null ? "null"
        : SecretRedaction.Scrub(value.ToJsonString() is { Length: > SecretRedaction.MaxEcho } json ? json[..SecretRedaction.MaxEcho] + "…" : value.ToJsonString());

    private static bool LooksLikeSecret(string name) =>
        name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("apikey", StringComparison.OrdinalIgnoreCase)
        || name.Contains("connectionstring", StringComparison.OrdinalIgnoreCase)
        || name.Equals("databaseUrl", StringComparison.OrdinalIgnoreCase);

    /// <summary>The schema object whose keyword failed, e.g. <c>#/$defs/app/properties/cpu</c> for a failed <c>minimum</c>.</summary>
    private static JsonNode? SchemaNodeOf(EvaluationResults detail)
    {
        var fragment = Uri.UnescapeDataString(detail.SchemaLocation.Fragment.TrimStart('#'));
        if (!JsonPointer.TryParse(fragment, out var pointer) || pointer is null)
        {
            return null;
        }
        return pointer.TryEvaluate(Document, out var node) ? node : null;
    }

    private static JsonNode? ParentObjectSchema(EvaluationResults detail)
    {
        var fragment = Uri.UnescapeDataString(detail.SchemaLocation.Fragment.TrimStart('#'));
        if (!JsonPointer.TryParse(fragment, out var pointer) || pointer is null || pointer.Count == 0)
        {
            return null;
        }
        // The false schema sits at …/additionalProperties; the object schema that declares "properties" is one up.
        var holder = pointer[pointer.Count - 1] == "additionalProperties" ? pointer.GetAncestor(1) : pointer;
        return holder.TryEvaluate(Document, out var node) ? node : null;
    }

    /// <summary>Turns <c>/frontend/cpu</c> into <c>$.frontend.cpu</c> and <c>/network/allowedIpRanges/0</c> into <c>$.network.allowedIpRanges[0]</c>.</summary>
    public static string ToJsonPath(JsonPointer pointer)
    {
        var path = "$";
        for (var i = 0; i < pointer.Count; i++)
        {
            var segment = pointer[i];
            path += int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{segment}]" : "." + segment;
        }
        return path;
    }

    private static (JsonSchema, JsonNode) Load()
    {
        using var stream = typeof(EnvironmentSchema).Assembly.GetManifestResourceStream("environment.schema.json")
            ?? throw new InvalidOperationException("The embedded environment.schema.json is missing from the build.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return (JsonSchema.FromText(text), JsonNode.Parse(text)!);
    }
}
