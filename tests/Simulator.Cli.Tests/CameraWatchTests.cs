using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Simulator.Cli.Commands;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Learning.Driving;
using Simulator.Learning.Runs;
using Simulator.Telemetry.Messages;
using SkiaSharp;

namespace Simulator.Cli.Tests;

/// <summary>The shipped camera model watched: `sim watch --model`, `sim drive --model --watch` (the same episodes as
/// without the window) and its camera frame as Foxglove's /camera/agent JPEG (colours in the right order).</summary>
public sealed class CameraWatchTests
{
    private static string Model => Path.Combine(DriveModelTests.RepoRoot(), "models", "pixels-driver.pt");

    [Fact]
    public void Watch_a_camera_model_draws_its_frames()
    {
        var (code, output, err) = SimProcess.Run(300_000, "watch", "--scene", "oval", "--model", Model, "--frames", "20", "--size", "320x200");
        Assert.True(code == 0, err);
        Assert.Contains("viewer: 20 frames", output, StringComparison.Ordinal);
        Assert.Matches(@"simulation: [1-9][0-9]* steps", output);
    }

    [Fact]
    public void Drive_watch_with_a_camera_model_reports_the_same_episode_as_without_the_window()
    {
        string[] args = ["drive", "--scene", "oval", "--model", Model, "--episodes", "1", "--seed", "5", "--json"];
        var (code, plain, err) = SimProcess.Run(300_000, args);
        Assert.True(code == 0, err);
        var (wcode, watched, werr) = SimProcess.Run(300_000, [.. args, "--watch", "--unlimited", "--size", "256x160"]);
        Assert.True(wcode == 0, werr);
        Assert.StartsWith("[", plain.TrimStart(), StringComparison.Ordinal);
        Assert.Equal(plain, watched);
    }

    [Fact]
    public void Drive_watch_with_a_camera_model_prints_the_same_table_as_the_batched_drive_for_several_episodes()
    {
        // The batched drive runs the network on 3 envs at once, the window on one: the same states and frames, but
        // the batched forward pass rounds differently (results agree to about 1e-6), so compare the printed table.
        string[] args = ["drive", "--scene", "oval", "--model", Model, "--episodes", "3"];
        var (code, plain, err) = SimProcess.Run(300_000, args);
        Assert.True(code == 0, err);
        var (wcode, watched, werr) = SimProcess.Run(300_000, [.. args, "--watch", "--unlimited", "--size", "256x160"]);
        Assert.True(wcode == 0, werr);
        static string Table(string output) => string.Join('\n', output.Split('\n').Where(l => l.StartsWith('│') || l.Contains("episodes completed", StringComparison.Ordinal)));
        Assert.Equal(5, Table(plain).Split('\n').Length);
        Assert.Equal(Table(plain), Table(watched));
    }

    [Fact]
    public void Watched_and_streamed_camera_drives_step_the_same_episodes()
    {
        string[] args = ["drive", "--scene", "oval", "--model", Model, "--episodes", "2", "--json"];
        var (code, streamed, err) = SimProcess.Run(300_000, [.. args, "--foxglove", $"127.0.0.1:{FreePort()}"]);
        Assert.True(code == 0, err);
        var (wcode, watched, werr) = SimProcess.Run(300_000, [.. args, "--watch", "--unlimited", "--size", "256x160"]);
        Assert.True(wcode == 0, werr);
        Assert.Equal(streamed, watched);
    }

    [Fact]
    public void The_agent_camera_jpeg_has_sky_above_ground_in_the_right_colours()
    {
        var (policy, meta) = ModelFile.LoadPolicy(Model);
        using var p = policy;
        var description = Simulator.Learning.Driving.ModelDeployment.Mount(SceneLoader.LoadFile(Path.Combine(DriveModelTests.RepoRoot(), "scenes", "oval.json")), meta, Model);
        using var run = new CameraModelRun(policy, meta, SceneCompiler.Compile(description), 1);
        run.Reset(0);
        for (int i = 0; i < 5; i++)
        {
            run.Step(out _);
        }
        byte[] jpeg = new TelemetryEncoder().Jpeg(new CameraFrame(run.Frame, run.FrameWidth, run.FrameHeight, run.FrameChannels));
        using var bitmap = SKBitmap.Decode(jpeg);
        Assert.Equal(run.FrameWidth, bitmap.Width);
        var (skyR, skyG, skyB) = Mean(bitmap, 0, bitmap.Height / 8);
        var (groundR, groundG, groundB) = Mean(bitmap, bitmap.Height * 3 / 4, bitmap.Height);
        // Sky: blue well above red. Ground (road grey, a little cool; grass green): nowhere near sky blue.
        Assert.True(skyB > skyR + 30, $"sky mean RGB {skyR:0},{skyG:0},{skyB:0} is not bluish");
        Assert.True(groundB < groundR + 25, $"ground mean RGB {groundR:0},{groundG:0},{groundB:0} is blue");
        // Each channel of the decoded JPEG matches the same channel of the rendered RGBA frame (JPEG loses a little).
        var (rawR, rawG, rawB) = MeanRgba(run.Frame, run.FrameWidth, run.FrameChannels, 0, run.FrameHeight);
        var (allR, allG, allB) = Mean(bitmap, 0, bitmap.Height);
        Assert.True(Math.Abs(rawR - allR) < 4 && Math.Abs(rawG - allG) < 4 && Math.Abs(rawB - allB) < 4,
            $"rendered mean RGB {rawR:0.0},{rawG:0.0},{rawB:0.0} but JPEG {allR:0.0},{allG:0.0},{allB:0.0}");
    }

    [Fact]
    public async Task A_foxglove_client_receives_the_camera_models_frame_on_camera_agent()
    {
        var (policy, meta) = ModelFile.LoadPolicy(Model);
        using var p = policy;
        var description = Simulator.Learning.Driving.ModelDeployment.Mount(SceneLoader.LoadFile(Path.Combine(DriveModelTests.RepoRoot(), "scenes", "oval.json")), meta, Model);
        using var run = new CameraModelRun(policy, meta, SceneCompiler.Compile(description), 1);
        using var live = Telemetry.Live.FoxgloveLive.Start(Telemetry.Live.FoxgloveEndpoint.Loopback(0));
        using var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol(Telemetry.Live.FoxgloveServer.Subprotocol);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{live.Server.Port}"), timeout.Token);
        int channel = -1;
        while (channel < 0)
        {
            var (kind, bytes) = await ReceiveAsync(ws, timeout.Token);
            if (kind != WebSocketMessageType.Text)
            {
                continue;
            }
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.GetProperty("op").GetString() == "advertise")
            {
                foreach (var c in doc.RootElement.GetProperty("channels").EnumerateArray())
                {
                    if (c.GetProperty("topic").GetString() == "/camera/agent")
                    {
                        channel = c.GetProperty("id").GetInt32();
                    }
                }
            }
        }
        await ws.SendAsync(Encoding.UTF8.GetBytes($"{{\"op\":\"subscribe\",\"subscriptions\":[{{\"id\":7,\"channelId\":{channel}}}]}}"),
            WebSocketMessageType.Text, true, timeout.Token);
        await TestWait(() => live.Server.AnySubscribers, timeout.Token);
        // The sim thread: step and publish as `sim drive --model --foxglove` does, until a frame has arrived.
        using var stop = new CancellationTokenSource();
        var sim = Task.Run(() =>
        {
            run.Reset(0);
            while (!stop.IsCancellationRequested)
            {
                run.Step(out _);
                CameraStepper.Publish(live, run);
                Thread.Sleep(20);
            }
        });
        byte[] jpeg;
        try
        {
            while (true)
            {
                var (kind, bytes) = await ReceiveAsync(ws, timeout.Token);
                if (kind == WebSocketMessageType.Binary && bytes[0] == 1 && BitConverter.ToUInt32(bytes, 1) == 7)
                {
                    using var doc = JsonDocument.Parse(bytes.AsMemory(13));
                    Assert.Equal("jpeg", doc.RootElement.GetProperty("format").GetString());
                    jpeg = doc.RootElement.GetProperty("data").GetBytesFromBase64();
                    break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await sim;
        }
        using var bitmap = SKBitmap.Decode(jpeg);
        Assert.Equal(run.FrameWidth, bitmap.Width);
        var (skyR, skyG, skyB) = Mean(bitmap, 0, bitmap.Height / 8);
        var (groundR, groundG, groundB) = Mean(bitmap, bitmap.Height * 3 / 4, bitmap.Height);
        Assert.True(skyB > skyR + 30, $"sky mean RGB {skyR:0},{skyG:0},{skyB:0} is not bluish");
        Assert.True(groundB < groundR + 25, $"ground mean RGB {groundR:0},{groundG:0},{groundB:0} is blue");
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

    private static async Task TestWait(Func<bool> condition, CancellationToken token)
    {
        while (!condition())
        {
            await Task.Delay(10, token);
        }
    }

    private static (double R, double G, double B) Mean(SKBitmap bitmap, int fromRow, int toRow)
    {
        double r = 0, g = 0, b = 0;
        int n = 0;
        for (int y = fromRow; y < toRow; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                r += c.Red;
                g += c.Green;
                b += c.Blue;
                n++;
            }
        }
        return (r / n, g / n, b / n);
    }

    private static (double R, double G, double B) MeanRgba(ReadOnlySpan<byte> pixels, int width, int channels, int fromRow, int toRow)
    {
        double r = 0, g = 0, b = 0;
        int n = 0;
        for (int i = fromRow * width; i < toRow * width; i++)
        {
            r += pixels[channels * i];
            g += pixels[channels * i + 1];
            b += pixels[channels * i + 2];
            n++;
        }
        return (r / n, g / n, b / n);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
