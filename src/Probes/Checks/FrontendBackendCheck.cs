using Provisioning.Probes.Tokens;

namespace Provisioning.Probes.Checks;

/// <summary>
/// <c>frontend.backend</c>: the browser's path from the frontend to the backend (docs/contract.md, "CORS"). A preflight
/// and a real request with <c>Origin: &lt;FRONTEND_URL's origin&gt;</c> must be allowed for exactly that origin; the
/// same two requests from a foreign origin must not be. A foreign origin allowed (wildcard or reflected) together
/// with credentials is a security failure: any web page could then call the backend as its visitor.
/// </summary>
public sealed class FrontendBackendCheck : IProbeCheck
{
    /// <summary>An origin no deployment serves (RFC 2606 reserves <c>.invalid</c>): a backend that allows it allows any.</summary>
    public const string ForeignOrigin = "https://not-the-frontend.invalid";

    private const string AllowOrigin = "Access-Control-Allow-Origin";
    private const string AllowCredentials = "Access-Control-Allow-Credentials";
    private const string AllowMethods = "Access-Control-Allow-Methods";
    private const string AllowHeaders = "Access-Control-Allow-Headers";

    public string Name => CheckNames.FrontendBackend;

    // The real request carries the probe's valid token: when the backend refuses that, this check has nothing to add.
    public IReadOnlyList<string> DependsOn => [CheckNames.BackendHealth, CheckNames.BackendAuthAccepts];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var origin = OriginOf(settings.FrontendUrl);
        var url = TasksUrl.For(settings);
        var path = url.AbsolutePath;
        var token = new ProbeTokens(settings.JwtSecretKey, settings.ProbeUserId, context.Clock).Valid();

        // What a browser sends before the ChatKit frontend's GET with a bearer token, and that GET itself.
        Task<HttpAnswer> Preflight(string from) => HttpAnswer.SendAsync(context.Http, HttpMethod.Options, url, null, cancellationToken,
            new Dictionary<string, string>
            {
                ["Origin"] = from,
                ["Access-Control-Request-Method"] = "GET",
                ["Access-Control-Request-Headers"] = "authorization",
            });
        Task<HttpAnswer> Real(string from, string? bearer) =>
            HttpAnswer.GetAsync(context.Http, url, bearer, cancellationToken, new Dictionary<string, string> { ["Origin"] = from });

        var answers = await Task.WhenAll(Preflight(origin), Real(origin, token), Preflight(ForeignOrigin), Real(ForeignOrigin, null)).ConfigureAwait(false);
        var (preflight, real, foreignPreflight, foreignReal) = (answers[0], answers[1], answers[2], answers[3]);

        // The open door first: it is reported whatever else is wrong.
        foreach (var (what, answer) in new[] { ("OPTIONS", foreignPreflight), ("GET", foreignReal) })
        {
            var allowed = answer.Header(AllowOrigin);
            if (IsTrue(answer.Header(AllowCredentials)) && (allowed == "*" || Same(allowed, ForeignOrigin)))
            {
                return CheckVerdict.Security(
                    $"security: {what} with Origin: {ForeignOrigin} answered {AllowOrigin}: {allowed} and {AllowCredentials}: true: any web page may call " +
                    $"the backend as its visitor; allow exactly {SettingNames.FrontendUrl}'s origin ({origin})");
            }
        }

        if (preflight.Code >= 500)
        {
            return CheckVerdict.Fail(FailureKind.Status, $"status: the CORS preflight OPTIONS {url} with Origin: {origin} answered {preflight.StatusText()}, expected 2xx");
        }
        var preflightOrigin = preflight.Header(AllowOrigin);
        if (preflight.Code is >= 200 and < 300 && preflightOrigin == "*")
        {
            return CheckVerdict.Fail(FailureKind.Cors,
                $"cors: the backend allows any origin, the contract exactly {origin} ({SettingNames.FrontendUrl}): the preflight OPTIONS {path} from it answered {AllowOrigin}: *");
        }
        if (preflight.Code is < 200 or >= 300 || !Same(preflightOrigin, origin))
        {
            return CheckVerdict.Fail(FailureKind.Cors,
                $"cors: the backend refuses the frontend's origin {origin}: set the backend's {SettingNames.FrontendUrl} to {settings.FrontendUrl} (its CORS allow-list); " +
                $"the preflight OPTIONS {path} answered {preflight.Code} with {Describe(AllowOrigin, preflightOrigin)} (backend said \"{preflight.Said()}\"): browsers block the frontend's every call");
        }
        if (!Lists(preflight.Header(AllowMethods), "GET", wildcard: true))
        {
            return CheckVerdict.Fail(FailureKind.Cors,
                $"cors: the preflight OPTIONS {path} from {origin} does not allow GET ({Describe(AllowMethods, preflight.Header(AllowMethods))}); the backend's CORS settings must allow the API's methods");
        }
        // The fetch standard: '*' in Access-Control-Allow-Headers never covers Authorization, which the frontend must send.
        if (!Lists(preflight.Header(AllowHeaders), "authorization", wildcard: false))
        {
            return CheckVerdict.Fail(FailureKind.Cors,
                $"cors: the preflight OPTIONS {path} from {origin} does not allow the Authorization header ({Describe(AllowHeaders, preflight.Header(AllowHeaders))}), " +
                "so the frontend's bearer token cannot be sent; allow it by name in the backend's CORS settings");
        }
        if (real.Code != 200 || !Same(real.Header(AllowOrigin), origin))
        {
            return CheckVerdict.Fail(real.Code == 200 ? FailureKind.Cors : FailureKind.Status,
                $"cors: GET {path} with Origin: {origin} and a valid token answered {real.StatusText()} with {Describe(AllowOrigin, real.Header(AllowOrigin))}, " +
                $"expected 200 with {AllowOrigin}: {origin} (the backend's {SettingNames.FrontendUrl} is its allow-list); the browser drops any other answer");
        }
        foreach (var (what, answer) in new[] { ("OPTIONS", foreignPreflight), ("GET", foreignReal) })
        {
            var allowed = answer.Header(AllowOrigin);
            if (allowed == "*" || Same(allowed, ForeignOrigin))
            {
                return CheckVerdict.Fail(FailureKind.Cors,
                    $"cors: the backend allows any origin, the contract exactly {origin} ({SettingNames.FrontendUrl}): {what} {path} with Origin: {ForeignOrigin} answered {AllowOrigin}: {allowed}");
            }
        }
        return CheckVerdict.Pass($"the backend allows exactly {origin} ({SettingNames.FrontendUrl}) for a preflight and a GET with a token, and not {ForeignOrigin}");
    }

    /// <summary>What a browser sends as <c>Origin</c> for pages of <paramref name="frontend"/>: scheme, host and a non-default port.</summary>
    public static string OriginOf(Uri frontend)
    {
        ArgumentNullException.ThrowIfNull(frontend);
        return frontend.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    private static bool Same(string? allowed, string origin) =>
        allowed is not null && string.Equals(allowed.Trim().TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase);

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static bool Lists(string? header, string item, bool wildcard) =>
        header is not null && header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(h => string.Equals(h, item, StringComparison.OrdinalIgnoreCase) || (wildcard && h == "*"));

    private static string Describe(string header, string? value) => value is null ? $"no {header}" : $"{header}: {value}";
}
