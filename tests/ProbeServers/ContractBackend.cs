using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Provisioning.ProbeServers;

/// <summary>
/// A backend that follows docs/contract.md: <c>/health</c>, and <c>GET /api/{user_id}/tasks</c> behind real HS256
/// validation (401 for no/forged/wrong-audience/expired/alg:none tokens, 403 when sub differs from the path), with
/// FastAPI-style <c>{"detail": …}</c> bodies so the probe's reasons can quote them, and the contract's 60 s leeway.
/// </summary>
public static class ContractBackend
{
    /// <summary>The contract's token rules (docs/contract.md): HS256 only, audience todo-backend, the three issuers, 60 s leeway.</summary>
    internal static TokenValidationParameters TokenValidation(string jwtSecretKey) => new()
    {
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwtSecretKey)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidAudience = "todo-backend",
        ValidIssuers = ["todo-frontend", "todo-mcp", "todo-probe"],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(60),
    };

    /// <param name="frontendOrigin">The frontend's origin, the CORS allow-list; read per request, since the frontend starts after the backend.</param>
    public static Task<LoopbackServer> StartAsync(string jwtSecretKey, BackendOptions? options = null, Func<string?>? frontendOrigin = null)
    {
        options ??= new BackendOptions();
        var handler = new JsonWebTokenHandler();
        var parameters = TokenValidation(jwtSecretKey);

        return LoopbackServer.StartAsync(null, app =>
        {
            app.Use((context, next) => ContractCors.HandleAsync(context, next, options.Cors, _ => frontendOrigin?.Invoke()));
            app.MapGet("/health", async (CancellationToken aborted) =>
            {
                if (options.HealthDelay > TimeSpan.Zero)
                {
                    await Task.Delay(options.HealthDelay, aborted).ConfigureAwait(false);
                }
                return options.Health switch
                {
                    BackendHealth.Ok => Results.Json(new { status = "ok", database = "ok" }),
                    BackendHealth.DatabaseError => Results.Json(new { status = "error", database = "error" }, statusCode: 503),
                    _ => Results.Json(new { healthy = true }),
                };
            });

            app.MapGet("/api/{userId}/tasks", async (string userId, HttpRequest request) =>
            {
                if (!options.AcceptsAnyToken)
                {
                    var header = request.Headers.Authorization.ToString();
                    if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
                    {
                        return Detail(401, "missing bearer token");
                    }
                    var validation = await handler.ValidateTokenAsync(header["Bearer ".Length..], parameters).ConfigureAwait(false);
                    if (!validation.IsValid)
                    {
                        return Detail(401, "invalid token: " + validation.Exception?.Message);
                    }
                    var caller = validation.Claims.TryGetValue("sub", out var sub) ? sub as string : null;
                    var claimed = request.Headers["X-User-ID"].ToString();
                    if (options.Authz == BackendAuthzFault.TrustsUserHeader && claimed.Length > 0)
                    {
                        caller = claimed;
                    }
                    if (options.Authz != BackendAuthzFault.SkipsOwnerCheck && !string.Equals(caller, userId, StringComparison.Ordinal))
                    {
                        return Detail(403, "forbidden: the token's subject is not the user in the path");
                    }
                }
                return Results.Json(Array.Empty<object>());
            });
        });
    }

    private static IResult Detail(int status, string detail) => Results.Json(new { detail }, statusCode: status);
}
