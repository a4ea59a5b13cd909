using Microsoft.AspNetCore.Http;

namespace Provisioning.ProbeServers;

/// <summary>
/// The contract's CORS rule (docs/contract.md, "CORS") as the stand-in backends apply it, written out by hand rather than
/// with ASP.NET Core's CORS middleware so each fault is exactly the answer a misconfigured backend gives: Starlette's,
/// which the Python fixture uses (reflect any origin in preflights and '*' to simple requests when every origin is
/// allowed with credentials; 400 "Disallowed CORS origin" for an origin not allowed).
/// </summary>
public static class ContractCors
{
    /// <param name="allowedOrigin">The frontend's origin for this request (null: none known, nothing allowed).</param>
    public static async Task HandleAsync(HttpContext context, RequestDelegate next, BackendCors mode, Func<HttpContext, string?> allowedOrigin)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(allowedOrigin);
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var allowed = mode switch
        {
            BackendCors.AnyOriginWithCredentials => true,
            BackendCors.RefusesFrontend => false,
            _ => string.Equals(origin, allowedOrigin(context), StringComparison.OrdinalIgnoreCase),
        };
        var headers = context.Response.Headers;
        if (HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            if (!allowed)
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync("Disallowed CORS origin").ConfigureAwait(false);
                return;
            }
            headers.AccessControlAllowOrigin = origin;
            headers.AccessControlAllowCredentials = "true";
            headers.AccessControlAllowMethods = "GET, POST, PUT, PATCH, DELETE";
            headers.AccessControlAllowHeaders = "authorization, content-type";
            headers.Vary = "Origin";
            context.Response.StatusCode = 200;
            return;
        }
        if (allowed)
        {
            context.Response.OnStarting(() =>
            {
                headers.AccessControlAllowOrigin = mode == BackendCors.AnyOriginWithCredentials ? "*" : origin;
                headers.AccessControlAllowCredentials = "true";
                headers.Vary = "Origin";
                return Task.CompletedTask;
            });
        }
        await next(context).ConfigureAwait(false);
    }

    /// <summary>What a browser sends as Origin for pages of <paramref name="url"/>.</summary>
    public static string OriginOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
