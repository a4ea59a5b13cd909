using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Provisioning.Probes.Platform;
using Provisioning.ProbeServers;

namespace Provisioning.Probes.Tests.Arm;

/// <summary>
/// A local stand-in for the Azure Resource Manager endpoint: real Kestrel on 127.0.0.1 over HTTPS (Azure.Core refuses
/// to send a bearer token over plain HTTP) with a throwaway self-signed certificate that only this stand-in's clients
/// trust. Tests set the answer for each path; anything not set is ARM's 404.
/// </summary>
public sealed class ArmStandIn : IAsyncDisposable
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000aa";
    public const string ResourceGroup = "rg-todo-test";
    public const string BearerToken = "stand-in-token";
    public static readonly string ResourceGroupId = $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Answer>> queued = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Answer> answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly X509Certificate2 certificate;
    private LoopbackServer? server;

    private ArmStandIn(X509Certificate2 certificate) => this.certificate = certificate;

    public Uri Url => server!.Url;

    /// <summary>Every request as "GET path?query", with whether it carried the expected bearer token.</summary>
    public ConcurrentQueue<(string Request, bool Authorized)> Requests { get; } = new();

    public static async Task<ArmStandIn> StartAsync()
    {
        var standIn = new ArmStandIn(SelfSigned());
        standIn.server = await LoopbackServer.StartAsync(null, app => app.Run(standIn.HandleAsync), standIn.certificate);
        return standIn;
    }

    /// <summary>Options for the real SDK pointed at this stand-in: its endpoint, and a transport that trusts only its certificate.</summary>
    public ArmClientOptions Options()
    {
        var options = ArmOptions.Create(new ArmEnvironment(Url, "https://management.stand-in.invalid/"));
        var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
#pragma warning disable CA2000 // The transport owns the handler and lives as long as the options.
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                cert is not null && cert.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint,
        };
#pragma warning restore CA2000
        options.Transport = new HttpClientTransport(handler);
        return options;
    }

    public ArmPlatformReader Reader() => new(new StaticToken(), SubscriptionId, ResourceGroup, Options());

    /// <summary>Answers every GET of <paramref name="path"/> (without query) with 200 and <paramref name="body"/>.</summary>
    public void Set(string path, object body) => answers[path] = new Answer(200, body, null);

    public void Set(string path, int status, object body) => answers[path] = new Answer(status, body, null);

    /// <summary>
    /// Hands every request (any method) whose path is <paramref name="pathPrefix"/> or below it to
    /// <paramref name="handler"/>, before the fixed answers: for a stateful stand-in such as a vault whose secrets a
    /// PUT creates. The longest matching prefix wins.
    /// </summary>
    public void Route(string pathPrefix, Func<HttpContext, Task> handler) => routes[pathPrefix] = handler;

    public int CountOf(string method, string pathPrefix) =>
        Requests.Count(r => r.Request.StartsWith(method + " " + pathPrefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The next <paramref name="times"/> GETs of <paramref name="path"/> are throttled with Retry-After.</summary>
    public void Throttle(string path, int times, int retryAfterSeconds)
    {
        var queue = queued.GetOrAdd(path, _ => new ConcurrentQueue<Answer>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(new Answer(429,
                Error("TooManyRequests", "The request is being throttled as the limit has been reached for operation type - Read."),
                retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>ARM's 403 for a caller without the role: its documented AuthorizationFailed body.</summary>
    public void Forbid(string path, string resourceId, string action, string objectId) =>
        Set(path, 403, Error("AuthorizationFailed",
            $"The client '{objectId}' with object id '{objectId}' does not have authorization to perform action '{action}' over scope '{resourceId}' or the scope is invalid. If access was recently granted, please refresh your credentials."));

    public int CountOf(string path) => Requests.Count(r => r.Request.StartsWith("GET " + path + "?", StringComparison.OrdinalIgnoreCase));

    public static string JobPath(string job) => $"{ResourceGroupId}/providers/Microsoft.App/jobs/{job}";

    public static string AppPath(string app) => $"{ResourceGroupId}/providers/Microsoft.App/containerApps/{app}";

    public static string DeploymentsPath => $"{ResourceGroupId}/providers/Microsoft.Resources/deployments";

    public static object Error(string code, string message) => new { error = new { code, message } };

    /// <summary>A deployment as <c>GET …/deployments</c> lists it, with string outputs.</summary>
    public static object Deployment(string name, string state, DateTimeOffset timestamp, IReadOnlyDictionary<string, string> outputs) => new
    {
        id = $"{DeploymentsPath}/{name}",
        name,
        type = "Microsoft.Resources/deployments",
        properties = new
        {
            provisioningState = state,
            timestamp = timestamp.ToString("O"),
            mode = "Incremental",
            outputs = outputs.ToDictionary(o => o.Key, o => (object)new { type = "String", value = o.Value }),
        },
    };

    public static object Job(string name, DateTimeOffset lastModifiedAt) => new
    {
        id = JobPath(name),
        name,
        type = "Microsoft.App/jobs",
        systemData = new { createdAt = lastModifiedAt.AddDays(-3).ToString("O"), lastModifiedAt = lastModifiedAt.ToString("O"), lastModifiedByType = "User" },
        properties = new { provisioningState = "Succeeded", configuration = new { triggerType = "Manual", replicaTimeout = 1800 } },
    };

    public static object Execution(string job, string name, string status, DateTimeOffset start, DateTimeOffset? end) => new
    {
        id = $"{JobPath(job)}/executions/{name}",
        name,
        type = "Microsoft.App/jobs/executions",
        properties = new { status, startTime = start.ToString("O"), endTime = end?.ToString("O") },
    };

    public static object Revision(string app, string name, DateTimeOffset created, string provisioningState = "Provisioned",
        string runningState = "Running", string healthState = "Healthy", bool active = true, int trafficWeight = 100) => new
    {
        id = $"{AppPath(app)}/revisions/{name}",
        name,
        type = "Microsoft.App/containerApps/revisions",
        properties = new
        {
            createdTime = created.ToString("O"),
            lastActiveTime = created.ToString("O"),
            fqdn = $"{name}.example.invalid",
            active,
            replicas = active ? 1 : 0,
            trafficWeight,
            healthState,
            provisioningState,
            runningState,
        },
    };

    public static object List(params object[] items) => new { value = items };

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        Requests.Enqueue(($"{context.Request.Method} {path}{context.Request.QueryString}",
            context.Request.Headers.Authorization.ToString() == "Bearer " + BearerToken));
        if (!context.Request.Query.ContainsKey("api-version"))
        {
            await Write(context, new Answer(400, Error("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests."), null));
            return;
        }
        var route = routes.Keys.Where(prefix => path.Equals(prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(prefix => prefix.Length).FirstOrDefault();
        if (route is not null)
        {
            await routes[route](context);
            return;
        }
        if (queued.TryGetValue(path, out var queue) && queue.TryDequeue(out var next))
        {
            await Write(context, next);
            return;
        }
        await Write(context, answers.TryGetValue(path, out var answer)
            ? answer
            : new Answer(404, Error("ResourceNotFound", $"The Resource '{path}' was not found."), null));
    }

    /// <summary>Writes <paramref name="body"/> as ARM does: JSON with the status.</summary>
    public static Task WriteJson(HttpContext context, int status, object body) => Write(context, new Answer(status, body, null));

    private static async Task Write(HttpContext context, Answer answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (answer.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = answer.RetryAfter;
        }
        await context.Response.WriteAsync(JsonSerializer.Serialize(answer.Body));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private sealed record Answer(int Status, object Body, string? RetryAfter);

    /// <summary>A fixed token: tests never ask Entra ID (DefaultAzureCredential would try the network).</summary>
    public sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(BearerToken, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
