namespace Provisioning.Probes.Checks;

/// <summary><c>frontend.reachable</c>: <c>GET /</c> is 200 HTML.</summary>
public sealed class FrontendReachableCheck : IProbeCheck
{
    public string Name => CheckNames.FrontendReachable;
    public IReadOnlyList<string> DependsOn => [];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var url = context.Settings.FrontendUrl;
        var answer = await HttpAnswer.GetAsync(context.Http, url, null, cancellationToken).ConfigureAwait(false);
        if (answer.Code != 200)
        {
            return CheckVerdict.Fail(FailureKind.Status, $"status: GET {url} answered {answer.StatusText()}, expected 200");
        }
        if (!string.Equals(answer.MediaType, "text/html", StringComparison.OrdinalIgnoreCase))
        {
            return CheckVerdict.Fail(FailureKind.Body, $"wrong body: GET {url} answered {answer.MediaType ?? "no content type"}, expected text/html (is another app behind this URL?)");
        }
        return CheckVerdict.Pass($"GET {url} answered 200 HTML");
    }
}
