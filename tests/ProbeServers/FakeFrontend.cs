using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Provisioning.ProbeServers;

/// <summary>The frontend's two contract endpoints: <c>GET /</c> (HTML) and <c>GET /api/health</c> (effective config).</summary>
public static class FakeFrontend
{
    public static Task<LoopbackServer> StartAsync(Uri backendUrl, FrontendOptions? options = null)
    {
        options ??= new FrontendOptions();
        return LoopbackServer.StartAsync(null, app =>
        {
            app.MapGet("/", () => options.ServesHtml
                ? Results.Content("<!doctype html><html><body>Todo</body></html>", "text/html")
                : Results.Json(new { hello = "not html" }));
            app.MapGet("/api/health", () => Results.Json(new Dictionary<string, object>
            {
                ["status"] = "ok",
                ["backendUrl"] = options.ReportedBackendUrl ?? backendUrl.ToString().TrimEnd('/'),
                ["domainKeyConfigured"] = options.DomainKeyConfigured,
            }));
        });
    }
}
