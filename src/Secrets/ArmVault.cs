using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using Provisioning.Bicep.Resources.KeyVaults;

namespace Provisioning.Secrets;

/// <summary>
/// The Azure Resource Manager calls of `secrets init`, on the SDK's pipeline (bearer token, retries with Retry-After,
/// timeouts from <see cref="ArmClientOptions"/>). Control plane only: a private vault's closed data plane does not
/// block them, and GET never returns a secret's value, so reading the vault cannot leak one. The typed client
/// (Azure.ResourceManager.KeyVault) is not on the package feed, so these are the documented REST calls.
/// </summary>
public sealed class ArmVault
{
    /// <summary>The Microsoft.KeyVault version the templates deploy with: one version for the vault, wherever it is written.</summary>
    public static readonly string KeyVaultApiVersion = new KeyVaultSecret("version").ApiVersion;

    public const string DeploymentsApiVersion = "2022-09-01";

    /// <summary>Lists are paged through nextLink; a vault holds a dozen secrets, so a few pages are plenty.</summary>
    private const int MaxPages = 20;

    private readonly HttpPipeline pipeline;
    private readonly Uri endpoint;

    public ArmVault(TokenCredential credential, ArmClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        var environment = options.Environment ?? ArmEnvironment.AzurePublicCloud;
        endpoint = environment.Endpoint;
        pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, environment.Audience.TrimEnd('/') + "/.default"));
    }

    /// <summary>
    /// The vault and database host of the environment deployed into <paramref name="resourceGroup"/>: the newest
    /// succeeded deployment that outputs both (bootstrap.bicep runs before `secrets init` and gives them).
    /// </summary>
    public async Task<SecretsTarget> FindTargetAsync(string subscriptionId, string resourceGroup, CancellationToken cancellationToken)
    {
        var group = $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}";
        var found = new List<(DateTimeOffset Time, string Vault, string Host)>();
        await foreach (var item in ListAsync($"{group}/providers/Microsoft.Resources/deployments", DeploymentsApiVersion, cancellationToken).ConfigureAwait(false))
        {
            var p = item.GetProperty("properties");
            if (!string.Equals(Text(p, "provisioningState"), "Succeeded", StringComparison.OrdinalIgnoreCase)
                || !p.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            if (Output(outputs, SecretsTarget.VaultOutput) is { } vault && Output(outputs, SecretsTarget.DatabaseHostOutput) is { } host)
            {
                var time = Text(p, "timestamp") is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed : DateTimeOffset.MinValue;
                found.Add((time, vault, host));
            }
        }
        if (found.Count == 0)
        {
            throw new SecretsInitException(
                $"--resource-group {resourceGroup}: no succeeded deployment outputs {SecretsTarget.VaultOutput} and {SecretsTarget.DatabaseHostOutput}. " +
                "Fix: deploy generated/<env>/bootstrap.bicep into it first (it creates the vault), then run `secrets init` again.");
        }
        var latest = found.MaxBy(f => f.Time);
        return new SecretsTarget(subscriptionId, resourceGroup, latest.Vault, latest.Host);
    }

    /// <summary>The vault's tags; throws when the vault does not exist.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetVaultTagsAsync(SecretsTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var document = await SendAsync(RequestMethod.Get, target.VaultId, KeyVaultApiVersion, null, cancellationToken).ConfigureAwait(false) switch
        {
            (200, var body) => body!,
            var (status, body) => throw Failure(status, body, $"read the vault {target.VaultName}"),
        };
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in t.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.String))
            {
                tags[tag.Name] = tag.Value.GetString()!;
            }
        }
        return tags;
    }

    /// <summary>The names of the secrets in the vault (ARM lists them without values).</summary>
    public async Task<IReadOnlySet<string>> ListSecretNamesAsync(SecretsTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var item in ListAsync($"{target.VaultId}/secrets", KeyVaultApiVersion, cancellationToken).ConfigureAwait(false))
        {
            if (Text(item, "name") is { } name)
            {
                names.Add(name);
            }
        }
        return names;
    }

    /// <summary>
    /// Creates the secret; false when it appeared meanwhile. <c>If-None-Match: *</c> asks ARM to refuse the write
    /// (412) if the secret exists, so a concurrent `secrets init` cannot overwrite what another just created; where
    /// the service ignores the header, the listing just before is the guard.
    /// </summary>
    public async Task<bool> CreateSecretAsync(SecretsTarget target, string name, string value, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(value);
        var properties = new Dictionary<string, string> { ["value"] = value };
        if (contentType is not null)
        {
            properties["contentType"] = contentType;
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["properties"] = properties });
        var (status, response) = await SendAsync(RequestMethod.Put, $"{target.VaultId}/secrets/{name}", KeyVaultApiVersion, body, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            return status switch
            {
                200 or 201 => true,
                // Only the precondition says "it exists now"; a 409 (e.g. a soft-deleted secret of that name) is a failure to report.
                412 => false,
                _ => throw Failure(status, response, $"create the secret {name} in {target.VaultName}"),
            };
        }
    }

    /// <summary>A secret's metadata (latest version, enabled, tags, when written), or null when it does not exist. Never the value.</summary>
    public async Task<Rotation.VaultSecretInfo?> GetSecretAsync(SecretsTarget target, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (status, body) = await SendAsync(RequestMethod.Get, $"{target.VaultId}/secrets/{name}", KeyVaultApiVersion, null, cancellationToken).ConfigureAwait(false);
        using (body)
        {
            return status switch
            {
                200 => Info(name, body!.RootElement),
                404 => null,
                _ => throw Failure(status, body, $"read the secret {name} in {target.VaultName}"),
            };
        }
    }

    /// <summary>
    /// Writes a new version of the secret (created when missing), enabled, with these tags. The rotation's write:
    /// unlike <see cref="CreateSecretAsync"/> it replaces the value on purpose.
    /// </summary>
    public async Task<Rotation.VaultSecretInfo> WriteSecretAsync(SecretsTarget target, string name, string value, string? contentType, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(value);
        var properties = new Dictionary<string, object> { ["value"] = value, ["attributes"] = new Dictionary<string, object> { ["enabled"] = true } };
        if (contentType is not null)
        {
            properties["contentType"] = contentType;
        }
        var content = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["tags"] = tags, ["properties"] = properties });
        var (status, body) = await SendAsync(RequestMethod.Put, $"{target.VaultId}/secrets/{name}", KeyVaultApiVersion, content, cancellationToken, createOnly: false).ConfigureAwait(false);
        using (body)
        {
            return status is 200 or 201 ? Info(name, body!.RootElement) : throw Failure(status, body, $"write the secret {name} in {target.VaultName}");
        }
    }

    /// <summary>PATCH of the latest version's tags and/or enabled flag (Secrets - Update): no new version, no value.</summary>
    public async Task UpdateSecretAsync(SecretsTarget target, string name, IReadOnlyDictionary<string, string>? tags, bool? enabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var patch = new Dictionary<string, object>();
        if (tags is not null)
        {
            patch["tags"] = tags;
        }
        if (enabled is { } on)
        {
            patch["properties"] = new Dictionary<string, object> { ["attributes"] = new Dictionary<string, object> { ["enabled"] = on } };
        }
        var (status, body) = await SendAsync(RequestMethod.Patch, $"{target.VaultId}/secrets/{name}", KeyVaultApiVersion,
            JsonSerializer.SerializeToUtf8Bytes(patch), cancellationToken, createOnly: false).ConfigureAwait(false);
        using (body)
        {
            if (status is not (200 or 201))
            {
                throw Failure(status, body, $"update the secret {name} in {target.VaultName}");
            }
        }
    }

    private static Rotation.VaultSecretInfo Info(string name, JsonElement secret)
    {
        var properties = secret.TryGetProperty("properties", out var p) ? p : default;
        var uri = Text(properties, "secretUriWithVersion") ?? "";
        var attributes = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("attributes", out var a) ? a : default;
        var enabled = attributes.ValueKind != JsonValueKind.Object || !attributes.TryGetProperty("enabled", out var e) || e.ValueKind != JsonValueKind.False;
        DateTimeOffset? created = attributes.ValueKind == JsonValueKind.Object && attributes.TryGetProperty("created", out var c) && c.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (secret.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in t.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.String))
            {
                tags[tag.Name] = tag.Value.GetString()!;
            }
        }
        return new Rotation.VaultSecretInfo(name, uri[(uri.LastIndexOf('/') + 1)..], enabled, tags, created);
    }

    private async IAsyncEnumerable<JsonElement> ListAsync(string path, string apiVersion, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = new(endpoint, $"{path}?api-version={apiVersion}");
        for (var page = 0; next is not null && page < MaxPages; page++)
        {
            using var document = await SendAsync(RequestMethod.Get, next, null, cancellationToken).ConfigureAwait(false) switch
            {
                (200, var body) => body!,
                var (status, body) => throw Failure(status, body, $"list {path}"),
            };
            if (document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    yield return item.Clone();
                }
            }
            next = Text(document.RootElement, "nextLink") is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri)
                // The bearer token goes with every request: follow links only to the endpoint it was issued for.
                && uri.GetLeftPart(UriPartial.Authority) == endpoint.GetLeftPart(UriPartial.Authority)
                ? uri : null;
        }
    }

    private Task<(int Status, JsonDocument? Body)> SendAsync(RequestMethod method, string path, string apiVersion, byte[]? content, CancellationToken cancellationToken, bool createOnly = true) =>
        SendAsync(method, new Uri(endpoint, $"{path}?api-version={apiVersion}"), content, cancellationToken, createOnly);

    private async Task<(int Status, JsonDocument? Body)> SendAsync(RequestMethod method, Uri uri, byte[]? content, CancellationToken cancellationToken, bool createOnly = true)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add("Accept", "application/json");
        if (content is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/json");
            if (createOnly)
            {
                message.Request.Headers.Add("If-None-Match", "*");
            }
            message.Request.Content = RequestContent.Create(content);
        }
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        JsonDocument? body = null;
        try
        {
            body = response.Content.ToMemory().Length == 0 ? null : JsonDocument.Parse(response.Content.ToMemory());
        }
        catch (JsonException)
        {
            // Not ARM's shape (a proxy's HTML page): the status alone tells the failure.
        }
        return (response.Status, body);
    }

    /// <summary>ARM's error (<c>{"error":{"code","message"}}</c>) as an exception naming what was being done and the usual fix.</summary>
    private static SecretsInitException Failure(int status, JsonDocument? body, string doing)
    {
        using (body)
        {
            var error = body is not null && body.RootElement.TryGetProperty("error", out var e) ? e : default;
            var code = error.ValueKind == JsonValueKind.Object ? Text(error, "code") : null;
            var text = error.ValueKind == JsonValueKind.Object ? Text(error, "message") : null;
            var fix = status switch
            {
                401 or 403 => " Fix: sign in as an identity with Key Vault Contributor (or Contributor) on the resource group: `az login`, `azd auth login`, or AZURE_CLIENT_ID/AZURE_TENANT_ID with a federated credential.",
                404 => " Fix: check --resource-group and --subscription, and deploy bootstrap.bicep first.",
                409 => " Fix: a deleted secret of that name may be held by soft delete: recover it (`az keyvault secret recover`) or purge it, then run again.",
                _ => "",
            };
            return new SecretsInitException(string.Create(CultureInfo.InvariantCulture,
                $"cannot {doing}: Azure Resource Manager answered {status}{(code is null ? "" : " " + code)}{(text is null ? "" : ": " + text)}.{fix}"));
        }
    }

    private static string? Output(JsonElement outputs, string name)
    {
        foreach (var output in outputs.EnumerateObject())
        {
            if (string.Equals(output.Name, name, StringComparison.OrdinalIgnoreCase) && output.Value.ValueKind == JsonValueKind.Object)
            {
                return Text(output.Value, "value");
            }
        }
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
