using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.Monitoring;

/// <summary>
/// A shared Azure Monitor workbook (<c>Microsoft.Insights/workbooks</c>, kind <c>shared</c>): a saved report of
/// text and log queries, attached to <see cref="SourceId"/> (an Application Insights component), whose logs its
/// queries read. Its name must be a GUID; <c>guid(resourceGroup().id, '&lt;purpose&gt;')</c> keeps it stable.
/// </summary>
public sealed record Workbook(string Identifier) : Resource(Identifier)
{
    public override string ResourceType => "Microsoft.Insights/workbooks";

    // The newest stable version; later ones are previews.
    public override string ApiVersion => "2023-06-01";

    public override NamingRule? NamingRule => AzureNames.Guid;

    public BicepValue<string> DisplayName { get; init; }

    /// <summary>The resource the workbook belongs to and is listed under; its queries run against it.</summary>
    public BicepValue<string> SourceId { get; init; }

    public WorkbookContent Content { get; init; } = new([]);

    protected override void WriteBody(BicepObjectBuilder body)
    {
        body.Add("kind", (BicepExpression)"shared");
        body.AddObject("properties", p =>
        {
            p.Add("displayName", DisplayName);
            p.Add("category", (BicepExpression)"workbook");
            p.Add("version", (BicepExpression)WorkbookContent.Version);
            p.Add("sourceId", SourceId);
            // ARM takes the content as one JSON string; it is fixed at generation time, so it is a literal.
            p.Add("serializedData", (BicepExpression)Content.Serialize());
        });
    }
}

/// <summary>One item of a workbook: a text block or a log query with its visualisation.</summary>
public abstract record WorkbookItem(string Name)
{
    internal abstract JsonObject ToJson();
}

/// <summary>Markdown text.</summary>
public sealed record WorkbookText(string Name, string Markdown) : WorkbookItem(Name)
{
    internal override JsonObject ToJson() => new()
    {
        ["type"] = 1,
        ["content"] = new JsonObject { ["json"] = Markdown },
        ["name"] = Name,
    };
}

/// <summary>
/// A KQL query against the workbook's source resource over the last <paramref name="TimeRange"/>, shown as
/// <paramref name="Visualization"/> (<c>table</c>, <c>barchart</c>, <c>timechart</c>, <c>tiles</c>).
/// </summary>
public sealed record WorkbookQuery(string Name, string Title, string Query, TimeSpan TimeRange, string Visualization = "table") : WorkbookItem(Name)
{
    internal override JsonObject ToJson() => new()
    {
        ["type"] = 3,
        ["content"] = new JsonObject
        {
            ["version"] = "KqlItem/1.0",
            ["query"] = Query,
            ["size"] = 0,
            ["title"] = Title,
            ["timeContext"] = new JsonObject { ["durationMs"] = (long)TimeRange.TotalMilliseconds },
            // 0: logs of the source resource (Application Insights or Log Analytics).
            ["queryType"] = 0,
            ["resourceType"] = "microsoft.insights/components",
            ["visualization"] = Visualization,
        },
        ["name"] = Name,
    };
}

/// <summary>The workbook's items in the <c>Notebook/1.0</c> format the portal saves.</summary>
public sealed record WorkbookContent(ImmutableArray<WorkbookItem> Items)
{
    public const string Version = "Notebook/1.0";

    // Quotes and comparison signs stay as they are, so the KQL in the generated Bicep reads as written.
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON text ARM stores in <c>properties.serializedData</c>.</summary>
    public string Serialize() => new JsonObject
    {
        ["version"] = Version,
        ["items"] = new JsonArray([.. Items.Select(i => (JsonNode)i.ToJson())]),
        ["isLocked"] = false,
    }.ToJsonString(Compact);
}
