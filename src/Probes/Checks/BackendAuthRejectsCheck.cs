using Provisioning.Probes.Tokens;

namespace Provisioning.Probes.Checks;

/// <summary>
/// <c>backend.auth.rejects</c>: no token, a bad signature, a wrong audience, an expired token and <c>alg:none</c>
/// must each be answered 401. A 2xx to any of them is a security failure, never a flake.
/// </summary>
public sealed class BackendAuthRejectsCheck : IProbeCheck
{
    public string Name => CheckNames.BackendAuthRejects;
    public IReadOnlyList<string> DependsOn => [CheckNames.BackendHealth];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var tokens = new ProbeTokens(settings.JwtSecretKey, settings.ProbeUserId, context.Clock);
        var url = TasksUrl.For(settings);
        (string Case, string? Token)[] cases =
        [
            ("no token", null),
            ("bad signature", tokens.BadSignature()),
            ("wrong audience", tokens.WrongAudience()),
            ("expired token", tokens.Expired()),
            ("alg:none token", tokens.AlgNone()),
        ];

        var answers = await Task.WhenAll(cases.Select(async c =>
            (c.Case, Answer: await HttpAnswer.GetAsync(context.Http, url, c.Token, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);

        var accepted = answers.Where(a => a.Answer.Code is >= 200 and < 300).Select(a => $"{a.Case} → {a.Answer.Code}").ToList();
        if (accepted.Count > 0)
        {
            return CheckVerdict.Security(
                $"security: GET {url} accepted {string.Join(", ", accepted)}; the backend must verify HS256 signature, audience and expiry and refuse alg:none");
        }
        var wrong = answers.Where(a => a.Answer.Code != 401).Select(a => $"{a.Case} → {a.Answer.Code}").ToList();
        if (wrong.Count > 0)
        {
            return CheckVerdict.Fail(FailureKind.Status, $"status: GET {url} expected 401 for every forged token, got {string.Join(", ", wrong)}");
        }
        return CheckVerdict.Pass("no, forged, wrong-audience, expired and alg:none tokens are each refused with 401");
    }
}
