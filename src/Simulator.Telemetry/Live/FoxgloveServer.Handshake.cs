using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace Simulator.Telemetry.Live;

public sealed partial class FoxgloveServer
{
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private const int MaxRequestBytes = 16 * 1024;

    /// <summary>One connection: the HTTP upgrade, then the WebSocket session until either side closes.</summary>
    private async Task ServeAsync(TcpClient tcp)
    {
        using var owned = tcp;
        tcp.NoDelay = true;
        var stream = tcp.GetStream();
        WebSocket socket;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(_options.HandshakeTimeout);
            string? key = await ReadUpgradeAsync(stream, timeout.Token).ConfigureAwait(false);
            if (key is null)
            {
                return;
            }
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for Sec-WebSocket-Accept; it is a handshake checksum, not security.
            string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
#pragma warning restore CA5350
            string response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: {Subprotocol}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response), timeout.Token).ConfigureAwait(false);
            socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
            {
                IsServer = true,
                SubProtocol = Subprotocol,
                KeepAliveInterval = TimeSpan.FromSeconds(30),
            });
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return;
        }
        using (socket)
        {
            using var client = new Client(this, socket, _options.QueueCapacity);
            AddClient(client);
            try
            {
                await client.RunAsync(_stop.Token).ConfigureAwait(false);
            }
            finally
            {
                RemoveClient(client);
            }
        }
    }

    /// <summary>Reads the HTTP request; returns the Sec-WebSocket-Key of a valid Foxglove upgrade, or answers 400 and returns null.</summary>
    private static async Task<string?> ReadUpgradeAsync(NetworkStream stream, CancellationToken cancel)
    {
        var buffer = new byte[MaxRequestBytes];
        int length = 0;
        while (true)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(length), cancel).ConfigureAwait(false);
            if (n == 0)
            {
                return null;
            }
            length += n;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
            if (length == buffer.Length)
            {
                await RefuseAsync(stream, "request headers too large", cancel).ConfigureAwait(false);
                return null;
            }
        }
        string request = Encoding.ASCII.GetString(buffer, 0, length);
        string? key = null, upgrade = null, protocols = null;
        foreach (string line in request.Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            string name = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            if (name.Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))
            {
                key = value;
            }
            else if (name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase))
            {
                upgrade = value;
            }
            else if (name.Equals("Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase))
            {
                protocols = protocols is null ? value : protocols + "," + value;
            }
        }
        if (key is null || upgrade is null || !upgrade.Equals("websocket", StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(stream, "this is a Foxglove WebSocket server: in Foxglove or Lichtblick choose Open connection, Foxglove WebSocket", cancel).ConfigureAwait(false);
            return null;
        }
        bool foxglove = protocols?.Split(',', StringSplitOptions.TrimEntries).Contains(Subprotocol, StringComparer.Ordinal) ?? false;
        if (!foxglove)
        {
            await RefuseAsync(stream, $"the client must ask for the WebSocket subprotocol {Subprotocol}", cancel).ConfigureAwait(false);
            return null;
        }
        return key;
    }

    private static async Task RefuseAsync(NetworkStream stream, string message, CancellationToken cancel)
    {
        byte[] body = Encoding.UTF8.GetBytes(message + "\n");
        byte[] head = Encoding.ASCII.GetBytes($"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, cancel).ConfigureAwait(false);
        await stream.WriteAsync(body, cancel).ConfigureAwait(false);
    }
}
