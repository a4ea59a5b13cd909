using System.Net.Sockets;
using System.Security.Authentication;
using ModelContextProtocol;

namespace Provisioning.Probes.Running;

/// <summary>Turns an exception from a check into one of the contract's failure classes and a one-line reason.</summary>
public static class FailureClassifier
{
    public static CheckVerdict Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var chain = Chain(exception).ToList();

        // Transport problems first: the MCP SDK and Npgsql wrap them, and "refused" is more
        // actionable than "the MCP handshake failed".
        foreach (var ex in chain)
        {
            switch (ex)
            {
                case System.Net.Http.HttpRequestException http when http.HttpRequestError == HttpRequestError.NameResolutionError:
                    return CheckVerdict.Fail(FailureKind.Dns, "DNS: " + OneLine(http) + " (check the host name and the environment's DNS)");
                case System.Net.Http.HttpRequestException http when http.HttpRequestError == HttpRequestError.SecureConnectionError:
                    return CheckVerdict.Fail(FailureKind.Tls, "TLS: " + Innermost(http) + " (check the certificate and the https URL)");
                case AuthenticationException tls:
                    return CheckVerdict.Fail(FailureKind.Tls, "TLS: " + OneLine(tls) + " (check the certificate and the https URL)");
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused } refused:
                    return CheckVerdict.Fail(FailureKind.Refused, "refused: " + Describe(chain, refused) + " (is the app running and its ingress enabled on that port?)");
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } dns:
                    return CheckVerdict.Fail(FailureKind.Dns, "DNS: " + Describe(chain, dns) + " (check the host name)");
                // Something listens but its answer is not HTTP or breaks off: not "refused" (nothing listens), an unreadable reply.
                case System.Net.Http.HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded or HttpRequestError.HttpProtocolError } http:
                    return CheckVerdict.Fail(FailureKind.Protocol, "protocol error: unreadable HTTP answer: " + Innermost(http) + " (is another service on that port, or is the app crashing mid-answer?)");
                case SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted } reset:
                    return CheckVerdict.Fail(FailureKind.Protocol, "protocol error: the connection was accepted and then reset: " + Describe(chain, reset) + " (is the app crashing mid-answer, or a proxy cutting it off?)");
                case System.Net.Http.HttpRequestException { StatusCode: { } status } http:
                    return CheckVerdict.Fail(FailureKind.Status, $"status: answered {(int)status} {status}: {OneLine(http)}");
            }
        }

        foreach (var ex in chain)
        {
            switch (ex)
            {
                case McpProtocolException mcp:
                    return CheckVerdict.Fail(FailureKind.Protocol, $"protocol error: MCP server answered JSON-RPC error {(int)mcp.ErrorCode}: {OneLine(mcp)}");
                case McpException mcp:
                    return CheckVerdict.Fail(FailureKind.Protocol, "protocol error: MCP " + OneLine(mcp));
                case System.Text.Json.JsonException json:
                    return CheckVerdict.Fail(FailureKind.Protocol, "protocol error: unreadable JSON: " + OneLine(json));
                case TimeoutException timeout:
                    return CheckVerdict.Fail(FailureKind.Timeout, "timeout: " + OneLine(timeout));
                case System.Net.Http.HttpRequestException http:
                    return CheckVerdict.Fail(FailureKind.Refused, "connection failed: " + Innermost(http));
            }
        }

        return CheckVerdict.Fail(FailureKind.Unexpected, $"unexpected {exception.GetType().Name}: {OneLine(exception)}");
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var seen = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<Exception>([exception]);
        while (queue.Count > 0)
        {
            var ex = queue.Dequeue();
            if (!seen.Add(ex))
            {
                continue;
            }
            yield return ex;
            if (ex is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    queue.Enqueue(inner);
                }
            }
            else if (ex.InnerException is not null)
            {
                queue.Enqueue(ex.InnerException);
            }
        }
    }

    /// <summary>The outermost HttpRequestException names the address ("Connection refused (127.0.0.1:80)"); prefer it.</summary>
    private static string Describe(List<Exception> chain, Exception fallback) =>
        OneLine(chain.OfType<System.Net.Http.HttpRequestException>().FirstOrDefault() ?? fallback);

    private static string Innermost(Exception exception)
    {
        var messages = Chain(exception).Select(OneLine).Where(m => m.Length > 0).ToList();
        // "The SSL connection could not be established, see inner exception." says nothing; the inner one does.
        return messages.Count > 1 ? messages[0].TrimEnd('.') + ": " + messages[^1] : messages.FirstOrDefault() ?? exception.GetType().Name;
    }

    internal static string OneLine(Exception exception) => Text.OneLine(exception.Message);
}
