using System.Net;
using System.Net.Sockets;

namespace Provisioning.Local;

/// <summary>A TCP port on 127.0.0.1 that is free right now (another process may take it before we bind: callers retry).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
