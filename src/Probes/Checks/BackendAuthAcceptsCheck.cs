using System.Text.Json;
using Provisioning.Probes.Tokens;

namespace Provisioning.Probes.Checks;

/// <summary><c>backend.auth.accepts</c>: a token minted with the environment's key for the probe user is answered 200.</summary>
public sealed class BackendAuthAcceptsCheck : IProbeCheck
{
    public string Name => CheckNames.BackendAuthAccepts;
    public IReadOnlyList<string> DependsOn => [CheckNames.BackendHealth];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var token = new ProbeTokens(settings.JwtSecretKey, settings.ProbeUserId, context.Clock).Valid();
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
        return CheckVerdict.Pass($"a valid token for {settings.ProbeUserId} is accepted");
    }
}
