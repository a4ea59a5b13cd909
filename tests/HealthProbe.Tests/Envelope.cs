using System.Text.Json.Nodes;

namespace Provisioning.HealthProbe.Tests;

/// <summary>
/// One telemetry item as the SDK put it on the wire (Application Insights' v2 envelope schema). The columns the
/// alert queries read come from here: cloud_RoleName from the ai.cloud.role tag, name/success/location/message from
/// baseData, customDimensions from baseData.properties.
/// </summary>
internal sealed record Envelope(JsonObject Json)
{
    /// <summary>AvailabilityData, MessageData (log lines), RemoteDependencyData, MetricData, …</summary>
    public string? BaseType => Json["data"]?["baseType"]?.GetValue<string>();

    public JsonObject BaseData => Json["data"]?["baseData"]?.AsObject() ?? [];

    /// <summary>The ai.cloud.role tag (null when the SDK sent none, which is what cloud_RoleName then holds: empty).</summary>
    public string? RoleName => Json["tags"]?["ai.cloud.role"]?.GetValue<string>();

    public string? Name => BaseData["name"]?.GetValue<string>();

    public IReadOnlyDictionary<string, string> Properties =>
        BaseData["properties"]?.AsObject().ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "") ?? [];

    public string? Text(string baseDataField) => BaseData[baseDataField]?.ToJsonString().Trim('"');

    public override string ToString() => Json.ToJsonString();
}
