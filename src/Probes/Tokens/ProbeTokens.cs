using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Provisioning.Catalogue;

namespace Provisioning.Probes.Tokens;

/// <summary>
/// Mints the probe's tokens (docs/contract.md, "Authentication between components"): one valid service token and
/// the forged ones the backend must refuse. Only the alg:none token is built by hand, because no library will
/// sign with "none" — which is the point.
/// </summary>
public sealed class ProbeTokens(string jwtSecretKey, string userId, TimeProvider clock)
{
    public const string Issuer = ProbeIdentity.Name;
    public const string Audience = "todo-backend";

    /// <summary>Service tokens live at most 15 minutes; the probe needs seconds, so it asks for 5.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// iat and nbf are set this far in the past (docs/contract.md: issuers never date tokens in the future). A verifier
    /// whose clock runs behind the probe's would otherwise see a token from the future: with PyJWT's default of zero
    /// leeway a backend one second behind refused every probe token, and the probe blamed the key.
    /// </summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(30);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>HS256 with the environment's key for <c>probe-&lt;env&gt;</c>: the backend must answer 200.</summary>
    public string Valid() => Sign(Key(jwtSecretKey), Audience, IssuedAt(), Lifetime);

    /// <summary>
    /// How far ahead of the backend's clock <see cref="Ahead"/> dates a token: well inside the contract's 60 s leeway, and
    /// far enough from zero that a verifier without leeway (PyJWT's default) refuses it whatever the rounding.
    /// </summary>
    public static readonly TimeSpan LeewayProbe = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A valid token whose iat and nbf lie <see cref="LeewayProbe"/> after <paramref name="verifierNow"/> (the backend's
    /// own clock, from its Date header): the one token the probe dates in the future, on purpose, to test the leeway
    /// the contract requires of verifiers directly rather than through the backdating that normally hides its absence.
    /// </summary>
    public string Ahead(DateTimeOffset verifierNow) => Sign(Key(jwtSecretKey), Audience, verifierNow + LeewayProbe, Lifetime);

    /// <summary>Right claims, signed with a random key.</summary>
    public static string BadSignature(string userId, TimeProvider clock) =>
        new ProbeTokens(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), userId, clock).Valid();

    public string BadSignature() => BadSignature(userId, clock);

    /// <summary>Signed with the real key, but for another audience.</summary>
    public string WrongAudience() => Sign(Key(jwtSecretKey), "todo-not-the-backend", IssuedAt(), Lifetime);

    /// <summary>Signed with the real key, expired 10 minutes ago (well past any clock skew allowance).</summary>
    public string Expired() => Sign(Key(jwtSecretKey), Audience, clock.GetUtcNow() - TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5));

    /// <summary>An unsigned token (<c>"alg":"none"</c>, empty signature) with otherwise valid claims.</summary>
    public string AlgNone()
    {
        var now = IssuedAt();
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = userId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
        });
        return Base64UrlEncoder.Encode(header) + "." + Base64UrlEncoder.Encode(payload) + ".";
    }

    private DateTimeOffset IssuedAt() => clock.GetUtcNow() - Backdate;

    private string Sign(SymmetricSecurityKey key, string audience, DateTimeOffset issuedAt, TimeSpan lifetime) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = userId },
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

    // PyJWT and jose use the key string's UTF-8 bytes; so must we, or signatures would never match.
    private static SymmetricSecurityKey Key(string secret) => new(Encoding.UTF8.GetBytes(secret));
}
