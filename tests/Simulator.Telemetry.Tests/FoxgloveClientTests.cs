using System.Text.Json;
using Simulator.Telemetry.Channels;
using Simulator.Telemetry.Live;
using Simulator.Telemetry.Messages;

namespace Simulator.Telemetry.Tests;

/// <summary>The official Foxglove client library (npm @foxglove/ws-protocol) against the server: every channel decodes.</summary>
public class FoxgloveClientTests
{
    [Fact]
    public async Task The_official_client_receives_and_decodes_every_channel()
    {
        string modules = TestEnv.FoxgloveClientModules();
        using var env = TestEnv.SteppedOval(30);
        using var live = FoxgloveLive.Start(FoxgloveEndpoint.Loopback(0), new FoxgloveLiveOptions { MaxRateHz = 0 });
        using var stop = new CancellationTokenSource();
        var pixels = new byte[64 * 48 * 3];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 7);
        }
        var overlay = new PerceptionOverlay { ImageWidth = 64, ImageHeight = 48, Scores = new PerceptionScores(0.93, 0.12, 0.9, 0.8, 0.85, double.NaN, 1.5, 10) };
        overlay.Boxes.Add(new OverlayBox(3, 4, 20, 30, 0, "vehicle", 0.9f, GroundTruth: false));
        overlay.Boxes.Add(new OverlayBox(4, 4, 21, 31, 0, "vehicle", 1, GroundTruth: true));
        overlay.Lines.Add(new OverlayLine(0, [(10, 47), (20, 30), (25, 20)], GroundTruth: false));
        // Publish from a sim-like loop until the client is done (it subscribes at some point; the loop never waits for it).
        var publisher = Task.Run(async () =>
        {
            var obs = new float[env.Observation.VectorSize];
            long i = 0;
            while (!stop.IsCancellationRequested)
            {
                env.Step(default(Driving.Env.DrivingAction), obs);
                live.Publish(env.Snapshot, new CameraFrame(pixels, 64, 48, 3), EgoSample.Of(env), overlay);
                live.PublishMetrics(new TrainingMetrics { Iteration = ++i, TotalSteps = 512 * i, MeanReturn = 1.5, PolicyLoss = double.NaN, LearningRate = 3e-4 });
                await Task.Delay(5);
            }
        });
        string script = Path.Combine(AppContext.BaseDirectory, "node", "foxglove-check.cjs");
        var (code, output) = await Task.Run(() => TestEnv.Run("node", $"\"{script}\" {live.Url} \"{modules}\" 30", TimeSpan.FromSeconds(60)));
        await stop.CancelAsync();
        await publisher;
        Assert.True(code == 0, $"node client failed (exit {code}):\n{output}");

        using var doc = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = doc.RootElement;
        Assert.Equal(FoxgloveServer.Subprotocol, root.GetProperty("subprotocol").GetString());
        var received = root.GetProperty("received");
        foreach (var channel in TelemetryChannels.All)
        {
            Assert.True(received.TryGetProperty(channel.Topic, out var m), $"nothing decoded on {channel.Topic}:\n{output}");
            Assert.Equal(channel.SchemaName, m.GetProperty("schemaName").GetString());
            Assert.Equal("json", m.GetProperty("encoding").GetString());
            Assert.Equal("jsonschema", m.GetProperty("schemaEncoding").GetString());
            Assert.True(m.GetProperty("problems").GetArrayLength() == 0, $"{channel.Topic} does not match its schema: {m.GetProperty("problems")}");
        }
        var image = received.GetProperty(TelemetryChannels.Camera.Topic);
        Assert.True(image.GetProperty("jpeg").GetBoolean());
        Assert.Equal("camera", image.GetProperty("frameId").GetString());
        var track = received.GetProperty(TelemetryChannels.Track.Topic);
        Assert.True(track.GetProperty("triangles").GetInt32() > 100);
        var actors = received.GetProperty(TelemetryChannels.Actors.Topic);
        Assert.Equal(env.Snapshot.Actors.Length, actors.GetProperty("cubes").GetInt32());
        Assert.StartsWith("actor/", actors.GetProperty("ids")[0].GetString(), StringComparison.Ordinal);
        var tf = received.GetProperty(TelemetryChannels.Transforms.Topic).GetProperty("children");
        Assert.Equal("ego,camera", string.Join(",", tf.EnumerateArray().Select(e => e.GetString())));
        var ego = received.GetProperty(TelemetryChannels.EgoState.Topic).GetProperty("values");
        Assert.True(ego.GetProperty("speed").GetDouble() >= 0);
        var annotations = received.GetProperty(TelemetryChannels.PerceptionAnnotations.Topic).GetProperty("values");
        Assert.Equal(3, annotations.GetProperty("points").GetArrayLength());
        Assert.Equal(4, annotations.GetProperty("points")[0].GetProperty("points").GetArrayLength());
        Assert.Equal("vehicle 0.90", annotations.GetProperty("texts")[0].GetProperty("text").GetString());
        var scores = received.GetProperty(TelemetryChannels.PerceptionScores.Topic).GetProperty("values");
        Assert.Equal(0.93, scores.GetProperty("lane_iou").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, scores.GetProperty("map50_95").ValueKind);
        var training = received.GetProperty(TelemetryChannels.Training.Topic).GetProperty("values");
        Assert.True(training.GetProperty("iteration").GetInt64() >= 1);
        Assert.Equal(JsonValueKind.Null, training.GetProperty("policy_loss").ValueKind);
    }
}
