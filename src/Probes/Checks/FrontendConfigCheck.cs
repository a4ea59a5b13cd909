using System.Text.Json;

namespace Provisioning.Probes.Checks;

/// <summary><c>frontend.config</c>: <c>/api/health</c> reports the expected backend URL and a configured domain key.</summary>
public sealed class FrontendConfigCheck : IProbeCheck
{
    public string Name => CheckNames.FrontendConfig;
    public IReadOnlyList<string> DependsOn => [CheckNames.FrontendReachable];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var url = Urls.Combine(context.Settings.FrontendUrl, "api/health");
        var answer = await HttpAnswer.GetAsync(context.Http, url, null, cancellationToken).ConfigureAwait(false);
        if (answer.Code != 200)
        {
            return CheckVerdict.Fail(FailureKind.Status, $"status: GET {url} answered {answer.StatusText()}, expected 200");
        }
        if (answer.Json() is not { ValueKind: JsonValueKind.Object } json)
        {
            return CheckVerdict.Fail(FailureKind.Body, $"wrong body: GET {url} is not a JSON object: {answer.Excerpt()}");
        }
        var expected = context.Settings.BackendUrl;
        var reported = json.TryGetProperty("backendUrl", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : null;
        if (reported is null || !Urls.SameEndpoint(reported, expected))
        {
            // NEXT_PUBLIC_/REACT_APP_ values are inlined at build time: a wrong one needs a rebuilt image, not a restart.
            return CheckVerdict.Fail(FailureKind.Body,
                $"wrong body: frontend uses backend '{reported ?? "(none)"}' but the backend is {expected}; rebuild the frontend image with REACT_APP_BACKEND_URL={expected}");
        }
        if (!(json.TryGetProperty("domainKeyConfigured", out var k) && k.ValueKind == JsonValueKind.True))
        {
            return CheckVerdict.Fail(FailureKind.Body,
                "wrong body: frontend reports domainKeyConfigured=false; set NEXT_PUBLIC_OPENAI_DOMAIN_KEY (domain_pk_…) for this environment and rebuild");
        }
        return CheckVerdict.Pass($"frontend uses backend {expected} and has a domain key");
    }
}
