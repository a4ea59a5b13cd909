using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Provisioning.Probes.Checks;

/// <summary>An HTTP answer read whole (bodies are small health documents), so checks can judge status and body.</summary>
internal sealed record HttpAnswer(HttpStatusCode Status, string? MediaType, string Body)
{
    /// <summary>Health endpoints answer in bytes; anything bigger is not the contract's body.</summary>
    private const int MaxBodyChars = 64 * 1024;

    public int Code => (int)Status;

    /// <summary>The answer's headers (response and content), names compared case-insensitively, several values joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The server's clock at its answer (the Date header), when it sent one.</summary>
    public DateTimeOffset? Date { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static Task<HttpAnswer> GetAsync(HttpClient http, Uri url, string? bearerToken, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? headers = null) =>
        SendAsync(http, HttpMethod.Get, url, bearerToken, cancellationToken, headers);

    public static async Task<HttpAnswer> SendAsync(HttpClient http, HttpMethod method, Uri url, string? bearerToken, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            all[name] = string.Join(", ", values);
        }
        return new HttpAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            body.Length > MaxBodyChars ? body[..MaxBodyChars] : body)
        {
            Headers = all,
            Date = response.Headers.Date,
        };
    }

    /// <summary>The body as JSON, or null when it is not JSON (the check then reports "wrong body").</summary>
    public JsonElement? Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What the server said about its answer: FastAPI's <c>detail</c> (or a <c>message</c>/<c>error</c> string),
    /// else a body excerpt, so a reason can quote the component instead of guessing.
    /// </summary>
    public string Said()
    {
        if (Json() is { ValueKind: JsonValueKind.Object } json)
        {
            foreach (var name in new[] { "detail", "message", "error" })
            {
                if (json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return Running.Text.OneLine(value.GetString());
                }
            }
        }
        return Body.Length == 0 ? "(empty body)" : Excerpt();
    }

    /// <summary>A short excerpt of the body for a reason line.</summary>
    public string Excerpt() => Running.Text.OneLine(Body.Length > 80 ? Body[..80] + "…" : Body);

    public string StatusText() => $"{Code} {Status}";
}
