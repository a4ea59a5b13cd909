using System.Text.Json;
using Provisioning.Probes.Tokens;

namespace Provisioning.Probes.Checks;

/// <summary>
/// <c>backend.auth.accepts</c>: a token minted with the environment's key for the probe user is answered 200, and so is
/// one dated 30 s ahead of the backend's clock, inside the 60 s leeway the contract requires of verifiers.
/// </summary>
public sealed class BackendAuthAcceptsCheck : IProbeCheck
{
    public string Name => CheckNames.BackendAuthAccepts;
    public IReadOnlyList<string> DependsOn => [CheckNames.BackendHealth];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var tokens = new ProbeTokens(settings.JwtSecretKey, settings.ProbeUserId, context.Clock);
        var token = tokens.Valid();
        var url = TasksUrl.For(settings);
        var answer = await HttpAnswer.GetAsync(context.Http, url, token, cancellationToken).ConfigureAwait(false);
        if (answer.Code == 401)
        {
            return CheckVerdict.Fail(FailureKind.Status,
                $"status: GET {url} refused a valid probe token with 401; {TokenRefusal.Explain(answer)}");
        }
        if (answer.Code != 200)
        {
            return CheckVerdict.Fail(FailureKind.Status, $"status: GET {url} with a valid token answered {answer.StatusText()}, expected 200");
        }
        if (answer.Json() is not { ValueKind: JsonValueKind.Array })
        {
            return CheckVerdict.Fail(FailureKind.Body, $"wrong body: GET {url} expected a JSON array of tasks, got {answer.Excerpt()}");
        }
        // The leeway, tested directly: dated ahead of the backend's own clock (its Date header, whole seconds) so that a
        // skewed clock does not count; without a Date header the probe's clock has to stand in for it.
        var backendNow = answer.Date;
        var ahead = tokens.Ahead(backendNow ?? context.Clock.GetUtcNow());
        var aheadAnswer = await HttpAnswer.GetAsync(context.Http, url, ahead, cancellationToken).ConfigureAwait(false);
        var dated = $"a token dated {ProbeTokens.LeewayProbe.TotalSeconds:0} s ahead of {(backendNow is null ? "the probe's clock (the backend sent no Date header)" : "the backend's own clock (its Date header)")}";
        if (aheadAnswer.Code == 401)
        {
            return CheckVerdict.Fail(FailureKind.Status,
                $"status: the backend allows less clock skew than the contract's 60 s leeway (PyJWT: leeway=60; .NET: ClockSkew): " +
                $"GET {url.AbsolutePath} refused {dated} with 401, backend said \"{aheadAnswer.Said()}\"");
        }
        if (aheadAnswer.Code != 200)
        {
            return CheckVerdict.Fail(FailureKind.Status, $"status: GET {url} with {dated} answered {aheadAnswer.StatusText()}, expected 200");
        }
        return CheckVerdict.Pass($"a valid token for {settings.ProbeUserId} is accepted, and so is {dated} (the contract's 60 s leeway)");
    }
}
