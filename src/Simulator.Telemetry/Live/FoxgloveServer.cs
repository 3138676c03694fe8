using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Simulator.Core;
using Simulator.Telemetry.Channels;

namespace Simulator.Telemetry.Live;

/// <summary>
/// A server for the Foxglove WebSocket protocol (subprotocol <c>foxglove.websocket.v1</c>): advertises
/// <see cref="TelemetryChannels.All"/> (channel id = index + 1), accepts subscribe/unsubscribe, and sends each
/// subscribed message as a binary messageData frame. <see cref="Broadcast"/> never blocks: it puts the message in
/// each subscribed client's bounded queue (dropping that client's oldest when full) and background tasks send.
/// </summary>
public sealed partial class FoxgloveServer : IDisposable
{
    public const string Subprotocol = "foxglove.websocket.v1";

    private readonly TcpListener _listener;
    private readonly FoxgloveServerOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly int[] _subscribers;
    private readonly (byte[] Payload, ulong Timestamp)?[] _latched;
    private readonly Lock _gate = new();
    private ImmutableArray<Client> _clients = [];
    private readonly Task _acceptLoop;
    private long _dropped, _sent, _connections;
    private int _subscriptions;

    private FoxgloveServer(TcpListener listener, FoxgloveEndpoint endpoint, FoxgloveServerOptions options)
    {
        _listener = listener;
        _options = options;
        Channels = TelemetryChannels.All;
        if (Channels.Length > 32)
        {
            throw new InvalidOperationException("a client tracks its due latched channels in 32 bits");
        }
        _subscribers = new int[Channels.Length];
        _latched = new (byte[], ulong)?[Channels.Length];
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Url = endpoint.Url(Port);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>
    /// Listens on <paramref name="endpoint"/> (port 0: a free port, see <see cref="Port"/>). A port in use, an
    /// address that is not this machine's or a port the user may not open is a <see cref="SimInputException"/>.
    /// </summary>
    public static FoxgloveServer Start(FoxgloveEndpoint endpoint, FoxgloveServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= FoxgloveServerOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1);
        var listener = new TcpListener(endpoint.Address, endpoint.Port);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            listener.Dispose();
            string where = endpoint.Url(endpoint.Port);
            throw e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => new SimInputException($"cannot serve Foxglove on {where}: the port is in use", path: "--foxglove",
                    hint: "pick another port or stop the program that uses it", inner: e),
                SocketError.AddressNotAvailable => new SimInputException($"cannot serve Foxglove on {where}: the address is not one of this machine's", path: "--foxglove",
                    hint: "give an address of this machine, 0.0.0.0 for all, or only a port for 127.0.0.1", inner: e),
                SocketError.AccessDenied => new SimInputException($"cannot serve Foxglove on {where}: permission denied", path: "--foxglove",
                    hint: "ports below 1024 need privileges; pick a port from 1024 to 65535", inner: e),
                _ => new SimInputException($"cannot serve Foxglove on {where}: {e.Message}", path: "--foxglove", inner: e),
            };
        }
        return new FoxgloveServer(listener, endpoint, options);
    }

    /// <summary>The channels advertised, in id order (id = index + 1).</summary>
    public ImmutableArray<ChannelDefinition> Channels { get; }

    /// <summary>The TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The URL to open in Foxglove (Open connection → Foxglove WebSocket).</summary>
    public string Url { get; }

    /// <summary>Clients connected now.</summary>
    public int ClientCount => _clients.Length;

    /// <summary>Connections accepted since start (including those that failed the handshake).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Messages dropped from full client queues since start (over all clients).</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>messageData frames sent since start (over all clients).</summary>
    public long SentMessages => Interlocked.Read(ref _sent);

    /// <summary>True when at least one client subscribes to the channel at index <paramref name="channel"/> (cheap: one read).</summary>
    public bool HasSubscribers(int channel) => Volatile.Read(ref _subscribers[channel]) > 0;

    /// <summary>True when any client subscribes to any channel (cheap: one read).</summary>
    public bool AnySubscribers => Volatile.Read(ref _subscriptions) > 0;

    /// <summary>Forgets the channel's latched message (its state is gone, e.g. the scene changed).</summary>
    public void ClearLatched(int channel)
    {
        lock (_gate)
        {
            _latched[channel] = null;
        }
    }

    /// <summary>Queues a message of channel <paramref name="channel"/> to every client that subscribes to it; never blocks.</summary>
    public void Broadcast(int channel, byte[] payload, ulong timestampNs)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!HasSubscribers(channel))
        {
            return;
        }
        foreach (var client in _clients)
        {
            client.Enqueue(channel, payload, timestampNs);
        }
    }

    /// <summary>
    /// Keeps a message as the channel's latest and sends it to every subscriber; a client that subscribes later
    /// receives it at once (for state that changes rarely, like the track). Unlike other messages it is never dropped
    /// for a slow client: it goes out ahead of the client's queue (only the newest latched message of a channel).
    /// </summary>
    public void BroadcastLatched(int channel, byte[] payload, ulong timestampNs)
    {
        ArgumentNullException.ThrowIfNull(payload);
        lock (_gate)
        {
            _latched[channel] = (payload, timestampNs);
        }
        foreach (var client in _clients)
        {
            client.MarkLatchedDue(channel);
        }
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        _stop.Cancel();
        _listener.Stop();
        ImmutableArray<Client> clients;
        lock (_gate)
        {
            clients = _clients;
            _clients = [];
        }
        foreach (var c in clients)
        {
            c.Close();
        }
        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener; how it ended does not matter any more.
        }
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient tcp;
            try
            {
                tcp = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
                continue;
            }
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(tcp));
        }
    }

    private void AddClient(Client client)
    {
        lock (_gate)
        {
            _clients = _clients.Add(client);
        }
    }

    private void RemoveClient(Client client)
    {
        lock (_gate)
        {
            _clients = _clients.Remove(client);
        }
        client.ReleaseSubscriptions();
    }

    private void CountSubscriber(int channel, int delta)
    {
        Interlocked.Add(ref _subscribers[channel], delta);
        Interlocked.Add(ref _subscriptions, delta);
    }

    private (byte[] Payload, ulong Timestamp)? Latched(int channel)
    {
        lock (_gate)
        {
            return _latched[channel];
        }
    }
}
