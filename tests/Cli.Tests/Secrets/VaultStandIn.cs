using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Provisioning.Probes.Tests.Arm;

namespace Provisioning.Cli.Tests.Secrets;

/// <summary>
/// A Key Vault as Azure Resource Manager shows it, on top of <see cref="ArmStandIn"/>: the bootstrap deployment that
/// names it, GET of the vault (with its tags), the list of its secrets (names only, as ARM lists them) and
/// create-or-update of a secret with <c>properties.value</c>, honouring <c>If-None-Match: *</c>. The values are kept
/// here so tests can check what was written; ARM itself never returns them.
/// </summary>
internal sealed class VaultStandIn
{
    public const string VaultName = "kv-tod-dev-standin";
    public const string DatabaseHost = "psql-todo-dev-standin.postgres.database.azure.com";

    public static readonly string VaultPath = $"{ArmStandIn.ResourceGroupId}/providers/Microsoft.KeyVault/vaults/{VaultName}";

    private VaultStandIn(ArmStandIn arm, string environmentTag)
    {
        Arm = arm;
        EnvironmentTag = environmentTag;
        arm.Set(ArmStandIn.DeploymentsPath, ArmStandIn.List(
            ArmStandIn.Deployment("bootstrap-older", "Succeeded", DateTimeOffset.UtcNow.AddDays(-2),
                new Dictionary<string, string> { ["AZURE_KEY_VAULT_NAME"] = "kv-an-old-name", ["POSTGRES_HOST"] = "old.postgres.database.azure.com" }),
            ArmStandIn.Deployment("bootstrap", "Succeeded", DateTimeOffset.UtcNow.AddHours(-1),
                new Dictionary<string, string> { ["AZURE_KEY_VAULT_NAME"] = VaultName, ["POSTGRES_HOST"] = DatabaseHost }),
            ArmStandIn.Deployment("bootstrap-failed", "Failed", DateTimeOffset.UtcNow,
                new Dictionary<string, string>())));
        arm.Route(VaultPath, HandleAsync);
    }

    public ArmStandIn Arm { get; }

    public string EnvironmentTag { get; }

    /// <summary>The secrets in the vault: name → value and content type.</summary>
    public ConcurrentDictionary<string, (string Value, string? ContentType)> Secrets { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What ARM shows of each secret besides the value: its latest version, tags, enabled flag and when it was written.</summary>
    public ConcurrentDictionary<string, SecretMetadata> Metadata { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A file every write (PUT, PATCH) is appended to as <c>stage|arm METHOD name …</c>: the az stand-in's call log, for one order of both.</summary>
    public string? CallLog { get; set; }

    public int Puts => Arm.CountOf("PUT", VaultPath + "/secrets/");

    public static async Task<VaultStandIn> StartAsync(string environmentTag = "dev") => new(await ArmStandIn.StartAsync(), environmentTag);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        var method = context.Request.Method;
        if (path.Equals(VaultPath, StringComparison.OrdinalIgnoreCase) && method == "GET")
        {
            await ArmStandIn.WriteJson(context, 200, new
            {
                id = VaultPath,
                name = VaultName,
                type = "Microsoft.KeyVault/vaults",
                tags = new Dictionary<string, string> { ["azd-env-name"] = EnvironmentTag, ["managed-by"] = "provisioning-generator" },
                properties = new { enableRbacAuthorization = true, enabledForTemplateDeployment = true },
            });
            return;
        }
        if (path.Equals(VaultPath + "/secrets", StringComparison.OrdinalIgnoreCase) && method == "GET")
        {
            await ArmStandIn.WriteJson(context, 200, new { value = Secrets.Keys.Order().Select(Listed).ToArray() });
            return;
        }
        var name = path[(VaultPath.Length + "/secrets/".Length)..];
        if (method == "PATCH")
        {
            using var patch = await JsonDocument.ParseAsync(context.Request.Body);
            if (!Metadata.TryGetValue(name, out var existing))
            {
                await ArmStandIn.WriteJson(context, 404, ArmStandIn.Error("ResourceNotFound", $"The secret '{name}' was not found."));
                return;
            }
            var tags = patch.RootElement.TryGetProperty("tags", out var t) ? Tags(t) : existing.Tags;
            var enabled = patch.RootElement.TryGetProperty("properties", out var pp) && pp.TryGetProperty("attributes", out var at) && at.TryGetProperty("enabled", out var en)
                ? en.GetBoolean() : existing.Enabled;
            Metadata[name] = existing with { Tags = tags, Enabled = enabled };
            Log($"arm PATCH {name} {Describe(Metadata[name])}");
            await ArmStandIn.WriteJson(context, 200, Listed(name));
            return;
        }
        if (method == "PUT")
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var properties = body.RootElement.GetProperty("properties");
            var value = properties.GetProperty("value").GetString()!;
            var contentType = properties.TryGetProperty("contentType", out var ct) ? ct.GetString() : null;
            if (context.Request.Headers.IfNoneMatch.ToString() == "*" && Secrets.ContainsKey(name))
            {
                await ArmStandIn.WriteJson(context, 412, ArmStandIn.Error("PreconditionFailed", $"The secret '{name}' exists."));
                return;
            }
            var created = Secrets.TryAdd(name, (value, contentType));
            if (!created)
            {
                Secrets[name] = (value, contentType);
            }
            Metadata[name] = new SecretMetadata(Guid.NewGuid().ToString("N"),
                body.RootElement.TryGetProperty("tags", out var newTags) ? Tags(newTags) : new Dictionary<string, string>(), true, DateTimeOffset.UtcNow);
            Log($"arm PUT {name} {Describe(Metadata[name])}");
            await ArmStandIn.WriteJson(context, created ? 201 : 200, Listed(name));
            return;
        }
        await ArmStandIn.WriteJson(context, Secrets.ContainsKey(name) ? 200 : 404, Secrets.ContainsKey(name)
            ? Listed(name) : ArmStandIn.Error("ResourceNotFound", $"The Resource '{path}' was not found."));
    }

    /// <summary>A secret as ARM returns it: no value.</summary>
    private object Listed(string name)
    {
        var meta = Metadata.GetOrAdd(name, _ => new SecretMetadata("v0" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string>(), true, DateTimeOffset.UtcNow));
        return new
        {
            id = $"{VaultPath}/secrets/{name}",
            name,
            type = "Microsoft.KeyVault/vaults/secrets",
            tags = meta.Tags,
            properties = new
            {
                contentType = Secrets.TryGetValue(name, out var s) ? s.ContentType : null,
                secretUri = $"https://{VaultName}.vault.azure.net/secrets/{name}",
                secretUriWithVersion = $"https://{VaultName}.vault.azure.net/secrets/{name}/{meta.Version}",
                attributes = new { enabled = meta.Enabled, created = meta.Created.ToUnixTimeSeconds() },
            },
        };
    }

    private void Log(string line)
    {
        if (CallLog is not null)
        {
            lock (this)
            {
                File.AppendAllText(CallLog, $"rotation|{line}\n");
            }
        }
    }

    private static string Describe(SecretMetadata meta) =>
        string.Join(" ", meta.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")) + (meta.Enabled ? "" : " disabled");

    private static Dictionary<string, string> Tags(JsonElement tags) =>
        tags.ValueKind == JsonValueKind.Object ? tags.EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetString() ?? "") : [];
}

/// <summary>A secret's latest version as ARM describes it.</summary>
internal sealed record SecretMetadata(string Version, IReadOnlyDictionary<string, string> Tags, bool Enabled, DateTimeOffset Created);
