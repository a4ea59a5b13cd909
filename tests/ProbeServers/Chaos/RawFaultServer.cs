using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Provisioning.ProbeServers.Chaos;

/// <summary>
/// A plain TCP server on 127.0.0.1 that treats every connection with one transport fault: stall, reset or
/// garbage (<see cref="ChaosFault.TcpStall"/>, <see cref="ChaosFault.TcpReset"/>, <see cref="ChaosFault.TcpGarbage"/>).
/// Every connection ends within <see cref="ChaosStack.MaxStall"/>; disposing stops the server and all connections.
/// </summary>
public sealed class RawFaultServer : IAsyncDisposable
{
    private static readonly byte[][] Garbage =
    [
        Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n"),
        Encoding.ASCII.GetBytes("HTTX/9.9 two hundred\r\nthis is not http\r\n\r\n"),
        [0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28, 0x00, 0xff, 0xfe, 0x00, 0x01],
        Encoding.ASCII.GetBytes("220 mail.example ESMTP ready\r\n"),
        Encoding.ASCII.GetBytes("\0\0\0\u0008\u0004\u00d2\u0016\u002f"),
    ];

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<Socket, Task> connections = new();
    private readonly ChaosFault fault;
    private readonly Task acceptLoop;
    private int accepted;

    public RawFaultServer(ChaosFault fault)
    {
        if (fault is not (ChaosFault.TcpStall or ChaosFault.TcpReset or ChaosFault.TcpGarbage))
        {
            throw new ArgumentOutOfRangeException(nameof(fault), fault, "a raw server only stalls, resets or answers garbage");
        }
        this.fault = fault;
        listener.Start(512);
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        acceptLoop = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var n = Interlocked.Increment(ref accepted);
            connections[socket] = HandleAsync(socket, n);
        }
    }

    private async Task HandleAsync(Socket socket, int n)
    {
        await Task.Yield();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        bound.CancelAfter(ChaosStack.MaxStall);
        try
        {
            switch (fault)
            {
                case ChaosFault.TcpStall:
                    // Read (and drop) whatever comes, answer nothing; end when the client gives up.
                    var buffer = new byte[4096];
                    while (await socket.ReceiveAsync(buffer, SocketFlags.None, bound.Token).ConfigureAwait(false) > 0)
                    {
                    }
                    break;
                case ChaosFault.TcpReset:
                    await ReadRequestHeadAsync(socket, bound.Token).ConfigureAwait(false);
                    socket.LingerState = new LingerOption(true, 0); // close now sends RST, not FIN
                    break;
                default:
                    await ReadRequestHeadAsync(socket, bound.Token).ConfigureAwait(false);
                    await socket.SendAsync(Garbage[n % Garbage.Length], SocketFlags.None, bound.Token).ConfigureAwait(false);
                    socket.Shutdown(SocketShutdown.Send);
                    break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the bound passed: either way this connection is done.
        }
        finally
        {
            socket.Dispose();
            connections.TryRemove(socket, out _);
        }
    }

    private static async Task ReadRequestHeadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }
            filled += read;
            if (buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8) >= 0)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        await acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(connections.Values).ConfigureAwait(false);
        stop.Dispose();
    }
}
