using System.Buffers;
using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;

namespace Simulator.Telemetry.Live;

public sealed partial class FoxgloveServer
{
    private readonly record struct Outgoing(uint SubscriptionId, ulong Timestamp, byte[] Payload);

    /// <summary>
    /// One connected client: its subscriptions, its bounded queue of messages to send, a send loop and a receive
    /// loop. Sends (data and control) are serialised by a lock: a WebSocket allows one send at a time.
    /// </summary>
    private sealed partial class Client : IDisposable
    {
        private const byte MessageDataOpcode = 1;
        private const int HeaderBytes = 1 + 4 + 8;

        private readonly FoxgloveServer _server;
        private readonly WebSocket _socket;
        private readonly Channel<Outgoing> _queue;
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly Lock _gate = new();
        /// <summary>Per channel index, the client's subscription id, or -1.</summary>
        private readonly long[] _subscriptionOf;
        private readonly Dictionary<uint, int> _channelOf = [];
        private readonly CancellationTokenSource _closed = new();
        private byte[] _frame = new byte[64 * 1024];
        /// <summary>Bit c set: channel c's latched message is due for this client.</summary>
        private int _latchedDue;

        public Client(FoxgloveServer server, WebSocket socket, int capacity)
        {
            _server = server;
            _socket = socket;
            _subscriptionOf = new long[server.Channels.Length];
            Array.Fill(_subscriptionOf, -1);
            _queue = Channel.CreateBounded<Outgoing>(
                new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                dropped =>
                {
                    // A wake marker (no payload) pushed out is not a lost message.
                    if (dropped.Payload is not null)
                    {
                        Interlocked.Increment(ref server._dropped);
                    }
                });
        }

        /// <summary>
        /// Notes that the channel's latched message is due for this client (sent ahead of the queue by the send loop)
        /// and wakes the loop with a marker; should the marker itself be dropped, the message that pushed it out wakes
        /// the loop just as well.
        /// </summary>
        public void MarkLatchedDue(int channel)
        {
            if (Volatile.Read(ref _subscriptionOf[channel]) < 0)
            {
                return;
            }
            Interlocked.Or(ref _latchedDue, 1 << channel);
            _queue.Writer.TryWrite(default);
        }

        public void Enqueue(int channel, byte[] payload, ulong timestamp)
        {
            long sub = Volatile.Read(ref _subscriptionOf[channel]);
            if (sub >= 0)
            {
                _queue.Writer.TryWrite(new Outgoing((uint)sub, timestamp, payload));
            }
        }

        public async Task RunAsync(CancellationToken stop)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _closed.Token);
            var cancel = linked.Token;
            try
            {
                await SendTextAsync(ServerInfo(), cancel).ConfigureAwait(false);
                await SendTextAsync(Advertise(), cancel).ConfigureAwait(false);
                var sending = Task.Run(() => SendLoopAsync(cancel), cancel);
                await ReceiveLoopAsync(cancel).ConfigureAwait(false);
                await _closed.CancelAsync().ConfigureAwait(false);
                _queue.Writer.TryComplete();
                await sending.ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException or JsonException)
            {
                // The client went away or broke the protocol: drop it; the publisher never notices.
            }
            finally
            {
                _queue.Writer.TryComplete();
            }
        }

        public void Dispose()
        {
            _closed.Dispose();
            _sendLock.Dispose();
        }

        /// <summary>Ends the session (server shutdown): aborts the socket so both loops stop at once.</summary>
        public void Close()
        {
            try
            {
                _closed.Cancel();
                _socket.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The session ended on its own meanwhile.
            }
        }

        /// <summary>Gives back the client's subscriber counts when it disconnects.</summary>
        public void ReleaseSubscriptions()
        {
            lock (_gate)
            {
                for (int c = 0; c < _subscriptionOf.Length; c++)
                {
                    if (_subscriptionOf[c] >= 0)
                    {
                        _subscriptionOf[c] = -1;
                        _server.CountSubscriber(c, -1);
                    }
                }
                _channelOf.Clear();
            }
        }

        private async Task SendLoopAsync(CancellationToken cancel)
        {
            try
            {
                await foreach (var m in _queue.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
                {
                    await SendLatchedAsync(cancel).ConfigureAwait(false);
                    if (m.Payload is null || !IsActive(m.SubscriptionId))
                    {
                        continue;
                    }
                    await SendDataAsync(m, cancel).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                Close();
            }
        }

        private async Task SendLatchedAsync(CancellationToken cancel)
        {
            int due = Interlocked.Exchange(ref _latchedDue, 0);
            for (int channel = 0; due != 0; channel++, due >>= 1)
            {
                long sub = Volatile.Read(ref _subscriptionOf[channel]);
                if ((due & 1) != 0 && sub >= 0 && _server.Latched(channel) is { } latched)
                {
                    await SendDataAsync(new Outgoing((uint)sub, latched.Timestamp, latched.Payload), cancel).ConfigureAwait(false);
                }
            }
        }

        private async Task SendDataAsync(Outgoing m, CancellationToken cancel)
        {
            int length = HeaderBytes + m.Payload.Length;
            if (_frame.Length < length)
            {
                _frame = new byte[Math.Max(length, 2 * _frame.Length)];
            }
            _frame[0] = MessageDataOpcode;
            BinaryPrimitives.WriteUInt32LittleEndian(_frame.AsSpan(1), m.SubscriptionId);
            BinaryPrimitives.WriteUInt64LittleEndian(_frame.AsSpan(5), m.Timestamp);
            m.Payload.CopyTo(_frame.AsSpan(HeaderBytes));
            await SendAsync(_frame.AsMemory(0, length), WebSocketMessageType.Binary, cancel).ConfigureAwait(false);
            Interlocked.Increment(ref _server._sent);
        }

        private async Task ReceiveLoopAsync(CancellationToken cancel)
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer.GetMemory(4096), cancel).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await SendLockedAsync(() => _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancel), cancel).ConfigureAwait(false);
                    return;
                }
                buffer.Advance(result.Count);
                if (buffer.WrittenCount > 1 << 20)
                {
                    throw new WebSocketException("client message too large");
                }
                if (!result.EndOfMessage)
                {
                    continue;
                }
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    await HandleAsync(buffer.WrittenMemory, cancel).ConfigureAwait(false);
                }
                buffer.ResetWrittenCount();
            }
        }
    }
}
