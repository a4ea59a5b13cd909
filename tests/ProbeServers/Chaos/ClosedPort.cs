using System.Net;
using System.Net.Sockets;

namespace Provisioning.ProbeServers.Chaos;

/// <summary>
/// A loopback port that refuses connections for as long as this object lives: the socket is bound (so no other
/// process can take the port) but never listens, and the kernel answers every SYN with RST.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort()
    {
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public void Dispose() => socket.Dispose();
}
