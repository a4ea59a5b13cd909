using Provisioning.Probes.Tokens;

namespace Provisioning.Probes.Checks;

/// <summary>
/// <c>backend.authz</c>: a valid token for <c>probe-&lt;env&gt;</c> is refused with 403 on the tasks of
/// <c>probe-&lt;env&gt;-peer</c>, both bare and with <c>X-User-ID: probe-&lt;env&gt;-peer</c>. A 2xx is a security
/// failure: authentication alone passed every check while one user could read another's tasks.
/// </summary>
public sealed class BackendAuthzCheck : IProbeCheck
{
    /// <summary>The identity header the public implementations trusted over the token.</summary>
    public const string IdentityHeader = "X-User-ID";

    public string Name => CheckNames.BackendAuthz;


    // Without a token the backend accepts, a 401 here would say nothing about authorization.
    public IReadOnlyList<string> DependsOn => [CheckNames.BackendHealth, CheckNames.BackendAuthAccepts];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var token = new ProbeTokens(settings.JwtSecretKey, settings.ProbeUserId, context.Clock).Valid();
        var peer = settings.PeerUserId;
        var url = TasksUrl.For(settings, peer);
        (string Case, string Fault, IReadOnlyDictionary<string, string>? Headers)[] cases =
        [
            ("no identity header", "it does not compare the token's sub with the user in the path", null),
            ($"{IdentityHeader}: {peer}", $"it trusts the {IdentityHeader} header over the token's sub",
                new Dictionary<string, string> { [IdentityHeader] = peer }),
        ];

        var answers = await Task.WhenAll(cases.Select(async c =>
            (c.Case, c.Fault, Answer: await HttpAnswer.GetAsync(context.Http, url, token, cancellationToken, c.Headers).ConfigureAwait(false)))).ConfigureAwait(false);

        var accepted = answers.Where(a => a.Answer.Code is >= 200 and < 300).ToList();
        if (accepted.Count > 0)
        {
            return CheckVerdict.Security(
                $"security: GET {url} with a valid token for {settings.ProbeUserId} answered " +
                string.Join(", ", accepted.Select(a => $"{a.Answer.Code} with {a.Case}")) +
                $": {accepted[0].Fault}; identity must come only from the token (403 across users)");
        }
        var wrong = answers.Where(a => a.Answer.Code != 403).ToList();
        if (wrong.Count > 0)
        {
            return CheckVerdict.Fail(FailureKind.Status,
                $"status: GET {url} with a valid token for {settings.ProbeUserId} expected 403, got " +
                string.Join(", ", wrong.Select(a => $"{a.Answer.StatusText()} with {a.Case} (backend said \"{a.Answer.Said()}\")")));
        }
        return CheckVerdict.Pass($"a valid token for {settings.ProbeUserId} is refused 403 on {peer}'s tasks, also with {IdentityHeader}: {peer}");
    }
}
