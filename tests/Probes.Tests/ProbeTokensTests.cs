using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Provisioning.Probes.Tokens;

namespace Provisioning.Probes.Tests;

[TestClass]
public sealed class ProbeTokensTests
{
    private const string Key = "a-test-key-that-is-at-least-32-bytes-long!";
    private readonly ProbeTokens tokens = new(Key, "probe-dev", TimeProvider.System);

    private static TokenValidationParameters ContractValidation() => new()
    {
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidAudience = "todo-backend",
        ValidIssuer = "todo-probe",
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.Zero,
    };

    [TestMethod]
    public async Task The_valid_token_meets_the_contract()
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(tokens.Valid(), ContractValidation());

        Assert.IsTrue(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.AreEqual("HS256", token.Alg);
        Assert.AreEqual("probe-dev", token.Subject);
        Assert.IsTrue(token.TryGetPayloadValue<long>("iat", out _));
        Assert.IsLessThanOrEqualTo(TimeSpan.FromMinutes(15), token.ValidTo - token.IssuedAt, "service tokens live at most 15 minutes");
    }

    [TestMethod]
    public void The_valid_token_is_backdated_30_seconds_and_lives_at_most_15_minutes_from_now()
    {
        var now = new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);
        var token = new JsonWebToken(new ProbeTokens(Key, "probe-dev", new FixedClock(now)).Valid());

        Assert.AreEqual(now.UtcDateTime.AddSeconds(-30), token.IssuedAt);
        Assert.AreEqual(now.UtcDateTime.AddSeconds(-30), token.ValidFrom, "nbf = iat = now - 30 s (docs/contract.md)");
        Assert.IsGreaterThan(now.UtcDateTime, token.ValidTo);
        Assert.IsLessThanOrEqualTo(now.UtcDateTime.AddMinutes(15), token.ValidTo);
    }

    [TestMethod]
    public async Task Each_forged_token_fails_contract_validation()
    {
        var handler = new JsonWebTokenHandler();
        foreach (var (name, token) in new[]
        {
            ("bad signature", tokens.BadSignature()),
            ("wrong audience", tokens.WrongAudience()),
            ("expired", tokens.Expired()),
            ("alg none", tokens.AlgNone()),
        })
        {
            var result = await handler.ValidateTokenAsync(token, ContractValidation());
            Assert.IsFalse(result.IsValid, name);
        }
    }

    [TestMethod]
    public void The_alg_none_token_is_unsigned_but_otherwise_well_formed()
    {
        var parts = tokens.AlgNone().Split('.');

        Assert.HasCount(3, parts);
        Assert.AreEqual("", parts[2]);
        using var header = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[0]));
        Assert.AreEqual("none", header.RootElement.GetProperty("alg").GetString());
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[1]));
        Assert.AreEqual("probe-dev", payload.RootElement.GetProperty("sub").GetString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
