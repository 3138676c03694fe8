using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Simulator.Telemetry.Channels;

namespace Simulator.Telemetry.Live;

public sealed partial class FoxgloveServer
{
    private static readonly string s_sessionId = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);

    /// <summary>The JSON (text) half of the protocol: serverInfo, advertise, status, subscribe, unsubscribe.</summary>
    private sealed partial class Client
    {
        private byte[] ServerInfo() => Json(w =>
        {
            w.WriteString("op", "serverInfo");
            w.WriteString("name", _server._options.Name);
            w.WriteStartArray("capabilities");
            w.WriteEndArray();
            w.WriteStartArray("supportedEncodings");
            w.WriteEndArray();
            w.WriteStartObject("metadata");
            w.WriteEndObject();
            w.WriteString("sessionId", s_sessionId);
        });

        private byte[] Advertise() => Json(w =>
        {
            w.WriteString("op", "advertise");
            w.WriteStartArray("channels");
            for (int i = 0; i < _server.Channels.Length; i++)
            {
                ChannelDefinition c = _server.Channels[i];
                w.WriteStartObject();
                w.WriteNumber("id", i + 1);
                w.WriteString("topic", c.Topic);
                w.WriteString("encoding", c.MessageEncoding);
                w.WriteString("schemaName", c.SchemaName);
                w.WriteString("schema", c.Schema);
                w.WriteString("schemaEncoding", c.SchemaEncoding);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });

        private static byte[] Status(int level, string message) => Json(w =>
        {
            w.WriteString("op", "status");
            w.WriteNumber("level", level);
            w.WriteString("message", message);
        });

        private async Task HandleAsync(ReadOnlyMemory<byte> text, CancellationToken cancel)
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            string? op = root.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            switch (op)
            {
                case "subscribe" when root.TryGetProperty("subscriptions", out var subs) && subs.ValueKind == JsonValueKind.Array:
                    foreach (var s in subs.EnumerateArray())
                    {
                        if (s.TryGetProperty("id", out var id) && id.TryGetUInt32(out uint subId)
                            && s.TryGetProperty("channelId", out var ch) && ch.TryGetInt32(out int channelId))
                        {
                            await SubscribeAsync(subId, channelId, cancel).ConfigureAwait(false);
                        }
                    }
                    break;
                case "unsubscribe" when root.TryGetProperty("subscriptionIds", out var ids) && ids.ValueKind == JsonValueKind.Array:
                    foreach (var id in ids.EnumerateArray())
                    {
                        if (id.TryGetUInt32(out uint subId))
                        {
                            Unsubscribe(subId);
                        }
                    }
                    break;
                default:
                    await SendTextAsync(Status(1, $"operation '{op}' is not supported by this server"), cancel).ConfigureAwait(false);
                    break;
            }
        }

        private async Task SubscribeAsync(uint subscriptionId, int channelId, CancellationToken cancel)
        {
            int channel = channelId - 1;
            if ((uint)channel >= (uint)_server.Channels.Length)
            {
                await SendTextAsync(Status(2, $"no channel with id {channelId}"), cancel).ConfigureAwait(false);
                return;
            }
            lock (_gate)
            {
                if (_channelOf.TryGetValue(subscriptionId, out int previous))
                {
                    // A reused subscription id moves to the new channel.
                    Drop(subscriptionId, previous);
                }
                if (_subscriptionOf[channel] >= 0)
                {
                    _channelOf.Remove((uint)_subscriptionOf[channel]);
                }
                else
                {
                    _server.CountSubscriber(channel, 1);
                }
                _channelOf[subscriptionId] = channel;
                Volatile.Write(ref _subscriptionOf[channel], subscriptionId);
            }
            MarkLatchedDue(channel);
        }

        private void Unsubscribe(uint subscriptionId)
        {
            lock (_gate)
            {
                if (_channelOf.TryGetValue(subscriptionId, out int channel))
                {
                    Drop(subscriptionId, channel);
                }
            }
        }

        private void Drop(uint subscriptionId, int channel)
        {
            _channelOf.Remove(subscriptionId);
            if (_subscriptionOf[channel] == subscriptionId)
            {
                Volatile.Write(ref _subscriptionOf[channel], -1);
                _server.CountSubscriber(channel, -1);
            }
        }

        private bool IsActive(uint subscriptionId)
        {
            lock (_gate)
            {
                return _channelOf.ContainsKey(subscriptionId);
            }
        }

        private Task SendTextAsync(byte[] json, CancellationToken cancel) => SendAsync(json, WebSocketMessageType.Text, cancel);

        private Task SendAsync(ReadOnlyMemory<byte> data, WebSocketMessageType type, CancellationToken cancel) =>
            SendLockedAsync(() => _socket.SendAsync(data, type, endOfMessage: true, cancel).AsTask(), cancel);

        private async Task SendLockedAsync(Func<Task> send, CancellationToken cancel)
        {
            await _sendLock.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                await send().ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        private static byte[] Json(Action<Utf8JsonWriter> body)
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                body(w);
                w.WriteEndObject();
            }
            return buffer.WrittenSpan.ToArray();
        }
    }
}
