using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Recording;
using SkiaSharp;

namespace Simulator.Cli.Tests;

/// <summary>`sim replay FILE` end to end on a recorded episode: the window (in-process, on the test's Xvfb display) and
/// the headless Foxglove stream.</summary>
public sealed class ReplayWatchCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sim-replay-watch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Record(string scene, long steps)
    {
        string path = Path.Combine(_dir, scene + ".mcap");
        CompiledScene compiled = SceneCompiler.Load(Path.Combine(DriveModelTests.RepoRoot(), "scenes", scene + ".json"));
        using var env = new DrivingEnv(compiled, new EnvOptions { Autopilot = true });
        EpisodeRecorder.RecordEpisode(path, env, 3, policy: null, new RecorderOptions(), maxSteps: steps);
        return path;
    }

    [Fact]
    public void Replay_draws_its_frames_prints_the_rate_and_writes_a_screenshot_with_the_timeline()
    {
        string file = Record("two-lane-traffic", 600);
        string shot = Path.Combine(_dir, "replay.png");
        var (code, output, err) = CliTests.Run("replay", file, "--viewer-frames", "30", "--screenshot", shot, "--size", "960x540", "--start", "4", "--paused");
        Assert.True(code == 0, err);
        Assert.Matches(@"viewer: 30 frames in [0-9.]+ s: [0-9.]+ frames/s", output);
        Assert.Contains("replay: at step 240 of 600", output, StringComparison.Ordinal);
        Assert.Contains("matched the recording", output, StringComparison.Ordinal);
        File.Copy(shot, Path.Combine(AppContext.BaseDirectory, "replay-cli.png"), overwrite: true);
        using SKBitmap image = SKBitmap.Decode(shot);
        Assert.Equal((960, 540), (image.Width, image.Height));
        // The timeline along the bottom left: a dark backdrop, the playhead (white) at 4 s of 10 s on its bar.
        var bar = Simulator.Viewer.Replay.TimelinePanel.Bar(Simulator.Viewer.Replay.TimelinePanel.DefaultArea(960, 540));
        float head = bar.Left + bar.Width * 240 / 600f;
        Assert.Equal(SKColors.White, image.GetPixel((int)MathF.Round(head), (int)bar.MidY));
        SKColor back = image.GetPixel((int)bar.Left + 2, (int)bar.Top - 5);
        Assert.True(back.Red + back.Green + back.Blue < 3 * 90, $"timeline backdrop {back}");
    }

    [Fact]
    public async Task No_window_streams_the_replay_to_a_foxglove_client_and_ends_at_the_recording_end()
    {
        string file = Record("oval", 180);
        int port = FreePort();
        var command = Task.Run(() => CliTests.Run("replay", file, "--no-window", "--foxglove", $"127.0.0.1:{port}", "--speed", "1"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        ClientWebSocket ws;
        while (true)
        {
            ws = new ClientWebSocket(); // a failed connect leaves the socket unusable
            ws.Options.AddSubProtocol("foxglove.websocket.v1");
            try
            {
                await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{port}"), timeout.Token);
                break;
            }
            catch (WebSocketException)
            {
                ws.Dispose();
                if (command.IsCompleted)
                {
                    var (_, _, early) = await command;
                    Assert.Fail("the command ended before a client could connect: " + early);
                }
                await Task.Delay(50, timeout.Token);
            }
        }
        using var client = ws;
        int channel = -1;
        while (channel < 0)
        {
            var (kind, bytes) = await ReceiveAsync(ws, timeout.Token);
            if (kind == WebSocketMessageType.Text)
            {
                using var doc = JsonDocument.Parse(bytes);
                if (doc.RootElement.GetProperty("op").GetString() == "advertise")
                {
                    foreach (var c in doc.RootElement.GetProperty("channels").EnumerateArray())
                    {
                        if (c.GetProperty("topic").GetString() == "/ego/state")
                        {
                            channel = c.GetProperty("id").GetInt32();
                        }
                    }
                }
            }
        }
        await ws.SendAsync(Encoding.UTF8.GetBytes($"{{\"op\":\"subscribe\",\"subscriptions\":[{{\"id\":3,\"channelId\":{channel}}}]}}"),
            WebSocketMessageType.Text, true, timeout.Token);
        int messages = 0;
        while (messages < 3)
        {
            var (kind, bytes) = await ReceiveAsync(ws, timeout.Token);
            if (kind == WebSocketMessageType.Binary && bytes[0] == 1 && BitConverter.ToUInt32(bytes, 1) == 3)
            {
                messages++;
            }
        }
        var (code, output, err) = await command.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(code == 0, err);
        Assert.Contains("replay: at step 180 of 180", output, StringComparison.Ordinal);
        Assert.DoesNotContain("viewer:", output, StringComparison.Ordinal);
        Assert.Contains("Foxglove: 1 connection(s)", err, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task<(WebSocketMessageType Kind, byte[] Bytes)> ReceiveAsync(ClientWebSocket ws, CancellationToken token)
    {
        var buffer = new byte[1 << 20];
        int n = 0;
        ValueWebSocketReceiveResult r;
        do
        {
            r = await ws.ReceiveAsync(buffer.AsMemory(n), token);
            n += r.Count;
        }
        while (!r.EndOfMessage);
        return (r.MessageType, buffer[..n]);
    }
}
