using System.Net.Sockets;
using ModelContextProtocol;
using Provisioning.Probes.Running;

namespace Provisioning.Probes.Tests;

/// <summary>Classes that local servers cannot produce without traffic elsewhere (DNS) are checked on the exceptions .NET throws.</summary>
[TestClass]
public sealed class FailureClassifierTests
{
    [TestMethod]
    public void Name_resolution_errors_are_dns()
    {
        var ex = new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (backend.example:443)",
            new SocketException((int)SocketError.HostNotFound));

        var verdict = FailureClassifier.Classify(ex);

        Assert.AreEqual(FailureKind.Dns, verdict.Kind);
        Assert.StartsWith("DNS: ", verdict.Reason);
        Assert.Contains("backend.example", verdict.Reason);
    }

    [TestMethod]
    public void A_refused_socket_wrapped_by_the_mcp_sdk_is_still_refused()
    {
        var http = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:8001)",
            new SocketException((int)SocketError.ConnectionRefused));

        var verdict = FailureClassifier.Classify(new McpException("transport failed", http));

        Assert.AreEqual(FailureKind.Refused, verdict.Kind);
        Assert.Contains("127.0.0.1:8001", verdict.Reason);
    }

    [TestMethod]
    public void Json_rpc_errors_are_protocol_errors_with_their_code()
    {
        var verdict = FailureClassifier.Classify(new McpProtocolException("Method not found", McpErrorCode.MethodNotFound));

        Assert.AreEqual(FailureKind.Protocol, verdict.Kind);
        Assert.Contains("-32601", verdict.Reason);
    }

    [TestMethod]
    public void Reasons_are_one_line()
    {
        var verdict = FailureClassifier.Classify(new InvalidOperationException("first line\nsecond line\r\nthird"));

        Assert.DoesNotContain("\n", verdict.Reason);
        Assert.Contains("first line second line third", verdict.Reason);
    }
}
