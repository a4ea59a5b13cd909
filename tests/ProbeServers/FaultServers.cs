using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Provisioning.ProbeServers;

/// <summary>Servers that fail in exactly one way each, for the failure classes of the probe's acceptance.</summary>
public static class FaultServers
{
    /// <summary>Accepts the connection and never answers (until the client gives up or the server stops).</summary>
    public static Task<LoopbackServer> HangingAsync() =>
        LoopbackServer.StartAsync(null, app => app.Run(async context =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up: exactly what the test wanted.
            }
        }));

    /// <summary>Answers every request with the given status and a short text body.</summary>
    public static Task<LoopbackServer> StatusAsync(int status) =>
        LoopbackServer.StartAsync(null, app => app.Run(context =>
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsync("upstream error");
        }));

    /// <summary>Speaks JSON-RPC at <c>/mcp</c> but answers every request with an error: an MCP protocol failure.</summary>
    public static Task<LoopbackServer> JsonRpcErrorAsync() =>
        LoopbackServer.StartAsync(null, app => app.Run(async context =>
        {
            using var request = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
            if (!request.RootElement.TryGetProperty("id", out var id))
            {
                context.Response.StatusCode = 202; // a notification: nothing to answer
                return;
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                jsonrpc = "2.0",
                id,
                error = new { code = -32603, message = "internal error: tool registry unavailable" },
            })).ConfigureAwait(false);
        }));

    /// <summary>HTTPS with a self-signed certificate no client trusts: a TLS failure.</summary>
    public static Task<LoopbackServer> UntrustedTlsAsync() =>
        LoopbackServer.StartAsync(null, app => app.Run(context => context.Response.WriteAsync("hello")), SelfSigned());

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Kestrel needs the private key in an exportable, loadable form.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
