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
            await ArmStandIn.WriteJson(context, created ? 201 : 200, Listed(name));
            return;
        }
        await ArmStandIn.WriteJson(context, Secrets.ContainsKey(name) ? 200 : 404, Secrets.ContainsKey(name)
            ? Listed(name) : ArmStandIn.Error("ResourceNotFound", $"The Resource '{path}' was not found."));
    }

    /// <summary>A secret as ARM returns it: no value.</summary>
    private object Listed(string name) => new
    {
        id = $"{VaultPath}/secrets/{name}",
        name,
        type = "Microsoft.KeyVault/vaults/secrets",
        properties = new { contentType = Secrets.TryGetValue(name, out var s) ? s.ContentType : null, secretUri = $"https://{VaultName}.vault.azure.net/secrets/{name}" },
    };
}
