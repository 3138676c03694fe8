using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Simulator.Telemetry.Channels;
using Simulator.Telemetry.Live;
using Simulator.Telemetry.Messages;

namespace Simulator.Telemetry.Tests;

public class LiveQueueTests
{
    [Fact]
    public void Without_a_client_nothing_is_copied_or_encoded()
    {
        using var env = TestEnv.SteppedOval();
        using var live = FoxgloveLive.Start(FoxgloveEndpoint.Loopback(0), new FoxgloveLiveOptions { MaxRateHz = 0 });
        var pixels = new byte[64 * 48 * 4];
        for (int i = 0; i < 1000; i++)
        {
            live.Publish(env.Snapshot, new CameraFrame(pixels, 64, 48, 4), EgoSample.Of(env));
            live.PublishMetrics(new TrainingMetrics { Iteration = i });
        }
        Assert.Equal(0, live.TakenSnapshots);
        Assert.Equal(0, live.EncodedMessages);
        Assert.False(live.Server.AnySubscribers);
    }

    [Fact]
    public async Task A_connected_client_without_subscriptions_costs_no_encoding()
    {
        using var env = TestEnv.SteppedOval();
        using var live = FoxgloveLive.Start(FoxgloveEndpoint.Loopback(0), new FoxgloveLiveOptions { MaxRateHz = 0 });
        using var ws = await ConnectAsync(live.Server.Port);
        await WaitUntil(() => live.Server.ClientCount == 1);
        for (int i = 0; i < 200; i++)
        {
            live.Publish(env.Snapshot, default, EgoSample.Of(env));
        }
        Assert.Equal(0, live.EncodedMessages);
    }

    [Fact]
    public async Task Only_subscribed_channels_are_encoded()
    {
        using var env = TestEnv.SteppedOval();
        using var live = FoxgloveLive.Start(FoxgloveEndpoint.Loopback(0), new FoxgloveLiveOptions { MaxRateHz = 0 });
        using var ws = await ConnectAsync(live.Server.Port);
        int ego = TelemetryChannels.IndexOf(TelemetryChannels.EgoState);
        await SubscribeAsync(ws, 1, ego + 1);
        await WaitUntil(() => live.Server.HasSubscribers(ego));
        live.Publish(env.Snapshot, default, EgoSample.Of(env));
        await WaitUntil(() => live.EncodedMessages >= 1);
        await Task.Delay(200);
        Assert.Equal(1, live.EncodedMessages);
    }

    [Fact]
    public async Task A_stalled_client_loses_messages_and_never_blocks_the_publisher()
    {
        using var server = FoxgloveServer.Start(FoxgloveEndpoint.Loopback(0), new FoxgloveServerOptions { QueueCapacity = 8 });
        using var ws = await ConnectAsync(server.Port);
        int camera = TelemetryChannels.IndexOf(TelemetryChannels.Camera);
        await SubscribeAsync(ws, 5, camera + 1);
        await WaitUntil(() => server.HasSubscribers(camera));
        // The client never reads again: the socket buffers fill, then its queue, then the oldest messages go.
        var payload = new byte[256 * 1024];
        var clock = Stopwatch.StartNew();
        int broadcasts = 0;
        while (server.DroppedMessages == 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            server.Broadcast(camera, payload, (ulong)broadcasts++);
            if (broadcasts % 64 == 0)
            {
                await Task.Delay(1);
            }
        }
        Assert.True(server.DroppedMessages > 0, $"no message dropped after {broadcasts} broadcasts");
        // Still bounded: what was neither sent nor dropped fits in the queue (plus the one in the send call). The
        // kernel may still take a few more bytes off the socket meanwhile, so count sent messages rather than
        // expecting every further broadcast to be dropped.
        long before = server.DroppedMessages;
        for (int i = 0; i < 100; i++)
        {
            server.Broadcast(camera, payload, 0);
            broadcasts++;
        }
        long outstanding = broadcasts - server.SentMessages - server.DroppedMessages;
        Assert.InRange(outstanding, 0, 8 + 1);
        // 100 messages of 256 KiB are far more than loopback socket buffers take (a few MiB).
        Assert.True(server.DroppedMessages - before >= 50,
            $"dropped {server.DroppedMessages - before} of 100 more, {server.SentMessages} sent in all");
        Assert.Equal(1, server.ClientCount);
    }

    [Fact]
    public async Task The_latched_track_reaches_a_slow_client_even_when_its_queue_overflows()
    {
        using var server = FoxgloveServer.Start(FoxgloveEndpoint.Loopback(0), new FoxgloveServerOptions { QueueCapacity = 4 });
        using var ws = await ConnectAsync(server.Port);
        int track = TelemetryChannels.IndexOf(TelemetryChannels.Track), camera = TelemetryChannels.IndexOf(TelemetryChannels.Camera);
        await SubscribeAsync(ws, 1, track + 1);
        await SubscribeAsync(ws, 2, camera + 1);
        await WaitUntil(() => server.HasSubscribers(track) && server.HasSubscribers(camera));
        var big = new byte[256 * 1024];
        for (int i = 0; i < 300; i++)
        {
            server.Broadcast(camera, big, 1);
        }
        server.BroadcastLatched(track, "TRACK"u8.ToArray(), 2);
        for (int i = 0; i < 300; i++)
        {
            server.Broadcast(camera, big, 3);
        }
        Assert.True(server.DroppedMessages > 0);
        // Now read: the track arrives although far more messages were queued after it than the queue holds.
        var buffer = new byte[1 << 20];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            int n = 0;
            ValueWebSocketReceiveResult r;
            do
            {
                r = await ws.ReceiveAsync(buffer.AsMemory(n), timeout.Token);
                n += r.Count;
            }
            while (!r.EndOfMessage);
            if (r.MessageType == WebSocketMessageType.Binary && BitConverter.ToUInt32(buffer, 1) == 1)
            {
                Assert.Equal("TRACK", Encoding.UTF8.GetString(buffer, 13, n - 13));
                break;
            }
        }
    }

    [Fact]
    public async Task A_plain_http_request_gets_a_one_line_explanation()
    {
        using var server = FoxgloveServer.Start(FoxgloveEndpoint.Loopback(0));
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri($"http://127.0.0.1:{server.Port}/"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Foxglove WebSocket", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static async Task<ClientWebSocket> ConnectAsync(int port)
    {
        var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol(FoxgloveServer.Subprotocol);
        await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{port}"), CancellationToken.None);
        Assert.Equal(FoxgloveServer.Subprotocol, ws.SubProtocol);
        // serverInfo, then advertise.
        Assert.Contains("\"serverInfo\"", await ReceiveTextAsync(ws), StringComparison.Ordinal);
        Assert.Contains("\"advertise\"", await ReceiveTextAsync(ws), StringComparison.Ordinal);
        return ws;
    }

    internal static Task SubscribeAsync(ClientWebSocket ws, int subscriptionId, int channelId) =>
        ws.SendAsync(Encoding.UTF8.GetBytes($"{{\"op\":\"subscribe\",\"subscriptions\":[{{\"id\":{subscriptionId},\"channelId\":{channelId}}}]}}"),
            WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> ReceiveTextAsync(ClientWebSocket ws)
    {
        var buffer = new byte[1 << 20];
        int n = 0;
        WebSocketReceiveResult r;
        do
        {
            r = await ws.ReceiveAsync(buffer.AsMemory(n), CancellationToken.None) is var m ? new WebSocketReceiveResult(m.Count, m.MessageType, m.EndOfMessage) : null!;
            n += r.Count;
        }
        while (!r.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "condition not met within 20 s");
            await Task.Delay(10);
        }
    }
}

public class EpisodeObserverTests
{
    [Fact]
    public void The_episode_observer_sees_the_reset_and_every_step()
    {
        using var env = new Driving.Env.DrivingEnv(TestEnv.Oval(), new Driving.Env.EnvOptions { Autopilot = true });
        long calls = 0;
        var summary = Driving.Env.EpisodeRunner.Run(env, 3, maxSteps: 50, observer: e =>
        {
            Assert.Same(env, e);
            Assert.Equal(calls, e.Snapshot.Step);
            calls++;
        });
        Assert.Equal(summary.Steps + 1, calls);
    }
}
