using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;

namespace Provisioning.Probes.Platform;

/// <summary>
/// Reads deployments, job executions and revisions from Azure Resource Manager with the SDK's client pipeline
/// (bearer token, retry with Retry-After, timeouts from <see cref="ArmClientOptions"/>). The typed clients for these
/// types live in packages the feed does not carry (Azure.ResourceManager.Resources, .AppContainers), so it issues
/// the documented GETs itself.
/// </summary>
public sealed class ArmPlatformReader : IPlatformReader
{
    /// <summary>Microsoft.App GA version with jobs/executions and containerApps/revisions in the shape parsed here.</summary>
    public const string ContainerAppsApiVersion = "2024-03-01";

    public const string DeploymentsApiVersion = "2022-09-01";

    /// <summary>Lists are paged through nextLink; an environment has a handful of items, so a few pages are plenty.</summary>
    private const int MaxPages = 10;

    private readonly HttpPipeline pipeline;
    private readonly Uri endpoint;

    public ArmPlatformReader(TokenCredential credential, string subscriptionId, string resourceGroup, ArmClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceGroup);
        var environment = options.Environment ?? ArmEnvironment.AzurePublicCloud;
        endpoint = environment.Endpoint;
        pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, environment.Audience.TrimEnd('/') + "/.default"));
        ResourceGroupId = $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}";
    }

    public string ResourceGroupId { get; }

    public async Task<EnvironmentDeployment?> GetLatestEnvironmentDeploymentAsync(CancellationToken cancellationToken)
    {
        var deployments = await ListAsync($"{ResourceGroupId}/providers/Microsoft.Resources/deployments", DeploymentsApiVersion,
            ResourceGroupId, "Microsoft.Resources/deployments/read", ParseDeployment, cancellationToken).ConfigureAwait(false);
        return deployments
            .Where(d => string.Equals(d.ProvisioningState, "Succeeded", StringComparison.OrdinalIgnoreCase)
                && d.Outputs.ContainsKey(SettingNames.FrontendUrl))
            .OrderByDescending(d => d.Timestamp)
            .FirstOrDefault();
    }

    public async Task<DateTimeOffset?> GetJobLastModifiedAsync(string jobName, CancellationToken cancellationToken)
    {
        var job = JobId(jobName);
        using var document = await GetAsync(new Uri(endpoint, $"{job}?api-version={ContainerAppsApiVersion}"), job, "Microsoft.App/jobs/read", cancellationToken)
            .ConfigureAwait(false);
        return document.RootElement.TryGetProperty("systemData", out var systemData) ? Time(systemData, "lastModifiedAt") : null;
    }

    public Task<IReadOnlyList<JobExecution>> GetJobExecutionsAsync(string jobName, CancellationToken cancellationToken) =>
        ListAsync($"{JobId(jobName)}/executions", ContainerAppsApiVersion, JobId(jobName), "Microsoft.App/jobs/executions/read", item =>
        {
            var p = item.GetProperty("properties");
            return new JobExecution(Text(item, "name") ?? "", Text(p, "status") ?? "Unknown", Time(p, "startTime"), Time(p, "endTime"));
        }, cancellationToken);

    public Task<IReadOnlyList<AppRevision>> GetRevisionsAsync(string appName, CancellationToken cancellationToken)
    {
        var app = $"{ResourceGroupId}/providers/Microsoft.App/containerApps/{appName}";
        return ListAsync($"{app}/revisions", ContainerAppsApiVersion, app, "Microsoft.App/containerApps/revisions/read", item =>
        {
            var p = item.GetProperty("properties");
            return new AppRevision(
                Text(item, "name") ?? "",
                Time(p, "createdTime"),
                p.TryGetProperty("active", out var active) && active.ValueKind == JsonValueKind.True,
                Number(p, "trafficWeight"),
                Number(p, "replicas"),
                Text(p, "provisioningState") ?? "Unknown",
                Text(p, "runningState") ?? "Unknown",
                Text(p, "healthState") ?? "None",
                Text(p, "provisioningError"));
        }, cancellationToken);
    }

    private string JobId(string jobName) => $"{ResourceGroupId}/providers/Microsoft.App/jobs/{jobName}";

    private async Task<IReadOnlyList<T>> ListAsync<T>(string path, string apiVersion, string resourceId, string action,
        Func<JsonElement, T> parse, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        Uri? next = new(endpoint, $"{path}?api-version={apiVersion}");
        for (var page = 0; next is not null && page < MaxPages; page++)
        {
            using var document = await GetAsync(next, resourceId, action, cancellationToken).ConfigureAwait(false);
            if (document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
            {
                items.AddRange(value.EnumerateArray().Select(parse));
            }
            next = Text(document.RootElement, "nextLink") is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri)
                // The bearer token goes with every request: follow links only to the endpoint it was issued for.
                && uri.GetLeftPart(UriPartial.Authority) == endpoint.GetLeftPart(UriPartial.Authority)
                ? uri : null;
        }
        return items;
    }

    private async Task<JsonDocument> GetAsync(Uri uri, string resourceId, string action, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add("Accept", "application/json");
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200)
        {
            var (code, text) = ArmError(response);
            throw new ArmRequestException(response.Status, code, text, resourceId, action);
        }
        return await JsonDocument.ParseAsync(response.ContentStream ?? Stream.Null, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>ARM's error body: <c>{"error":{"code":"…","message":"…"}}</c>.</summary>
    private static (string Code, string Message) ArmError(Azure.Response response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                return (Text(error, "code") ?? "", Text(error, "message") ?? "");
            }
        }
        catch (JsonException)
        {
            // Not ARM's shape (a proxy's HTML page, an empty body): fall back to the reason phrase.
        }
        return ("", response.ReasonPhrase);
    }

    private static EnvironmentDeployment ParseDeployment(JsonElement item)
    {
        var p = item.GetProperty("properties");
        var outputs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (p.TryGetProperty("outputs", out var o) && o.ValueKind == JsonValueKind.Object)
        {
            foreach (var output in o.EnumerateObject())
            {
                if (output.Value.ValueKind == JsonValueKind.Object && Text(output.Value, "value") is { } value)
                {
                    outputs[output.Name] = value;
                }
            }
        }
        return new EnvironmentDeployment(Text(item, "name") ?? "", Text(p, "provisioningState") ?? "Unknown",
            Time(p, "timestamp") ?? DateTimeOffset.MinValue, outputs);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time : null;
}
