using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioning.Bicep.State;

/// <summary>
/// The committed JSON form of a <see cref="DeploymentState"/>: two-space indent, LF, one trailing newline, keys in
/// declaration order, no escaping of quotes or non-ASCII text (it holds Bicep text), so a run on any machine writes the
/// same bytes and a review diff reads like the Bicep diff.
/// </summary>
public static class StateFile
{
    public const string Format = "bicep-deployment-state/1";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static string Write(DeploymentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        // Written straight from the state's nodes: building one root object would first deep-clone every resource
        // body (a node has one parent), which was a tenth of a generation run. The byte buffer is kept per thread:
        // a state is a few hundred kilobytes, and a fresh growing buffer for each was a fifth of a run's allocations.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256 * 1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteString("template", state.Template);
            if (!state.Labels.IsEmpty)
            {
                writer.WriteStartObject("labels");
                foreach (var (key, value) in state.Labels)
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
            writer.WritePropertyName("parameters");
            state.Parameters.WriteTo(writer);
            writer.WritePropertyName("types");
            Types(state).WriteTo(writer);
            writer.WriteStartArray("resources");
            foreach (var resource in state.Resources)
            {
                WriteResource(writer, resource);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <exception cref="FormatException">The text is not a state file this version can read.</exception>
    public static DeploymentState Read(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("the state file is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the state file is not valid JSON ({ex.Message}).", ex);
        }
        if (Text(root, "format") != Format)
        {
            throw new FormatException($"the state file's format is '{Text(root, "format")}', expected '{Format}'.");
        }
        var parameters = root["parameters"] as JsonObject ?? throw new FormatException("the state file has no 'parameters' object.");
        var types = root["types"] as JsonObject ?? throw new FormatException("the state file has no 'types' object.");
        var resources = root["resources"] as JsonArray ?? throw new FormatException("the state file has no 'resources' array.");
        // Labels are optional: a state written before they existed has none.
        var labels = root["labels"] as JsonObject ?? [];
        return new DeploymentState(Text(root, "template"), (JsonObject)parameters.DeepClone(), [.. resources.Select(r => ReadResource(r, types))])
        {
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, labels.Select(l => KeyValuePair.Create(l.Key, Text(labels, l.Key)))),
        };
    }

    /// <summary>
    /// What each resource type declares (its create-only rules with reason and source, and what re-creating it costs),
    /// once per type so that forty resources do not repeat the same sentences; each resource lists the paths that apply to it.
    /// </summary>
    private static JsonObject Types(DeploymentState state)
    {
        var types = new JsonObject();
        foreach (var resource in state.Resources.Where(r => !r.IsExisting))
        {
            if (types[resource.Type] is not JsonObject type)
            {
                type = new JsonObject { ["recreateConsequence"] = resource.RecreateConsequence, ["createOnly"] = new JsonObject() };
                types.Add(resource.Type, type);
            }
            var declared = (JsonObject)type["createOnly"]!;
            foreach (var property in resource.CreateOnly.Where(p => !declared.ContainsKey(p.Path)))
            {
                declared.Add(property.Path, CreateOnly(property));
            }
        }
        return types;
    }

    private static void WriteResource(Utf8JsonWriter writer, ResourceState r)
    {
        writer.WriteStartObject();
        writer.WriteString("symbolicName", r.SymbolicName);
        writer.WriteString("type", r.Type);
        writer.WriteString("apiVersion", r.ApiVersion);
        writer.WriteString("name", r.Name);
        if (r.Condition is not null)
        {
            writer.WriteString("condition", r.Condition);
        }
        if (r.IsExisting)
        {
            writer.WriteBoolean("existing", true);
        }
        if (!r.CreateOnly.IsEmpty)
        {
            writer.WriteStartArray("createOnly");
            foreach (var property in r.CreateOnly)
            {
                writer.WriteStringValue(property.Path);
            }
            writer.WriteEndArray();
        }
        writer.WritePropertyName("body");
        r.Body.WriteTo(writer);
        writer.WriteEndObject();
    }

    private static JsonObject CreateOnly(CreateOnlyProperty p)
    {
        var o = new JsonObject { ["rule"] = p.Rule.Kind };
        switch (p.Rule)
        {
            case OneWayRule oneWay:
                o["allowed"] = new JsonArray([.. oneWay.Allowed.Select(t => (JsonNode)new JsonObject { ["from"] = t.From, ["to"] = t.To })]);
                break;
            case ImmutablePartRule part:
                o["pattern"] = part.Pattern;
                o["part"] = part.Part;
                break;
        }
        if (p.Default is not null)
        {
            o["default"] = p.Default;
        }
        o["reason"] = p.Reason;
        o["source"] = p.Source;
        return o;
    }

    private static ResourceState ReadResource(JsonNode? node, JsonObject types)
    {
        var o = node as JsonObject ?? throw new FormatException("a resource entry is not an object.");
        var typeName = Text(o, "type");
        var type = types[typeName] as JsonObject;
        var declared = type?["createOnly"] as JsonObject;
        return new ResourceState(
            Text(o, "symbolicName"),
            typeName,
            Text(o, "apiVersion"),
            Text(o, "name"),
            (JsonObject)(o["body"] as JsonObject ?? throw new FormatException($"resource '{Text(o, "symbolicName")}' has no body.")).DeepClone(),
            [.. (o["createOnly"] as JsonArray ?? []).Select(path => ReadCreateOnly(path?.GetValue<string>() ?? string.Empty, declared?[path?.GetValue<string>() ?? string.Empty], typeName))],
            type is null ? string.Empty : Text(type, "recreateConsequence"))
        {
            Condition = o["condition"]?.GetValue<string>(),
            IsExisting = o["existing"]?.GetValue<bool>() ?? false,
        };
    }

    private static CreateOnlyProperty ReadCreateOnly(string path, JsonNode? node, string type)
    {
        var o = node as JsonObject ?? throw new FormatException($"'types' declares no create-only rule '{path}' for {type}.");
        ChangeRule rule = Text(o, "rule") switch
        {
            "immutable" => ChangeRule.Immutable,
            "grow-only" => ChangeRule.GrowOnly,
            "one-way" => new OneWayRule([.. (o["allowed"] as JsonArray ?? []).Select(t => new Transition(Text((JsonObject)t!, "from"), Text((JsonObject)t!, "to")))]),
            "immutable-part" => new ImmutablePartRule(Text(o, "pattern"), Text(o, "part")),
            var other => throw new FormatException($"unknown create-only rule '{other}'."),
        };
        return new CreateOnlyProperty(path, rule, Text(o, "reason"), Text(o, "source")) { Default = o["default"]?.GetValue<string>() };
    }

    private static string Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw new FormatException($"'{key}' is missing or not a string.");
}
