using System.Net.Sockets;
using Provisioning.Probes.Running;

namespace Provisioning.Probes.Tests.Soak;

/// <summary>
/// Found by the soak: an answer that is not HTTP, ends early or is reset after the connection was accepted was
/// reported as <see cref="FailureKind.Refused"/> ("nothing listens"). It is an unreadable reply: Protocol.
/// </summary>
[TestClass]
public sealed class UnreadableAnswerTests
{
    [TestMethod]
    [DataRow(HttpRequestError.InvalidResponse, "Received an invalid status line: 'SSH-2.0-OpenSSH_9.6p1'.")]
    [DataRow(HttpRequestError.ResponseEnded, "The response ended prematurely. (ResponseEnded)")]
    [DataRow(HttpRequestError.HttpProtocolError, "The HTTP/2 server sent invalid data on the connection.")]
    public void An_answer_that_is_not_http_is_a_protocol_error_not_a_refusal(HttpRequestError error, string message)
    {
        var verdict = FailureClassifier.Classify(new HttpRequestException(error, message));

        Assert.AreEqual(FailureKind.Protocol, verdict.Kind, verdict.Reason);
        Assert.Contains(message.TrimEnd('.'), verdict.Reason);
    }

    [TestMethod]
    public void A_connection_reset_after_accepting_is_a_protocol_error_not_a_refusal()
    {
        var ex = new HttpRequestException("An error occurred while sending the request.",
            new IOException("Unable to read data from the transport connection: Connection reset by peer.",
                new SocketException((int)SocketError.ConnectionReset)));

        var verdict = FailureClassifier.Classify(ex);

        Assert.AreEqual(FailureKind.Protocol, verdict.Kind, verdict.Reason);
        Assert.Contains("reset", verdict.Reason);
    }

    [TestMethod]
    public void A_refused_connection_is_still_refused()
    {
        var ex = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:9)",
            new SocketException((int)SocketError.ConnectionRefused));

        Assert.AreEqual(FailureKind.Refused, FailureClassifier.Classify(ex).Kind);
    }
}
