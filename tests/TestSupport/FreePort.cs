using System.Net;
using System.Net.Sockets;

namespace Provisioning.TestSupport;

/// <summary>Picks a TCP port on 127.0.0.1 that is free right now; servers in tests bind only to loopback.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static readonly Lazy<Socket> Reserved = new(() =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    });

    /// <summary>
    /// A port on 127.0.0.1 that refuses every connection for as long as this process runs: bound and never listening,
    /// so no other process (a server of a test running beside this one) can take it. A port that is merely free now
    /// can be taken later, and a connection then hangs instead of being refused.
    /// </summary>
    public static int Refusing() => ((IPEndPoint)Reserved.Value.LocalEndPoint!).Port;
}
