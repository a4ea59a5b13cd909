using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Provisioning.ProbeServers;

/// <summary>
/// A backend that follows docs/contract.md: <c>/health</c>, and <c>GET /api/{user_id}/tasks</c> behind real HS256
/// validation (401 for no/forged/wrong-audience/expired/alg:none tokens, 403 when sub differs from the path).
/// </summary>
public static class ContractBackend
{
    public static Task<LoopbackServer> StartAsync(string jwtSecretKey, BackendOptions? options = null)
    {
        options ??= new BackendOptions();
        var handler = new JsonWebTokenHandler();
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwtSecretKey)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidAudience = "todo-backend",
            ValidIssuers = ["todo-frontend", "todo-mcp", "todo-probe"],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };

        return LoopbackServer.StartAsync(null, app =>
        {
            app.MapGet("/health", () => options.Health switch
            {
                BackendHealth.Ok => Results.Json(new { status = "ok", database = "ok" }),
                BackendHealth.DatabaseError => Results.Json(new { status = "error", database = "error" }, statusCode: 503),
                _ => Results.Json(new { healthy = true }),
            });

            app.MapGet("/api/{userId}/tasks", async (string userId, HttpRequest request) =>
            {
                if (!options.AcceptsAnyToken)
                {
                    var header = request.Headers.Authorization.ToString();
                    if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
                    {
                        return Results.StatusCode(401);
                    }
                    var validation = await handler.ValidateTokenAsync(header["Bearer ".Length..], parameters).ConfigureAwait(false);
                    if (!validation.IsValid)
                    {
                        return Results.StatusCode(401);
                    }
                    if (!string.Equals(validation.Claims.TryGetValue("sub", out var sub) ? sub as string : null, userId, StringComparison.Ordinal))
                    {
                        return Results.StatusCode(403);
                    }
                }
                return Results.Json(Array.Empty<object>());
            });
        });
    }
}
