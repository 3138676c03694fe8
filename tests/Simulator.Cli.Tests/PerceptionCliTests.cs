using System.Text.Json;
using Simulator.Driving.Scenes;
using Simulator.Perception.Models;
using Simulator.Perception.Onnx;
using Simulator.Recording.Mcap;
using Simulator.Telemetry.Channels;
using Simulator.Torch;

namespace Simulator.Cli.Tests;

/// <summary>`--perception` on `drive` (recordings carry its outputs), optional perception, `sim eval perception`.</summary>
public sealed class PerceptionCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-perception-").FullName;
    private readonly string _lanes, _objects, _scene;

    public PerceptionCliTests()
    {
        _lanes = Path.Combine(_dir, "lanes.onnx");
        _objects = Path.Combine(_dir, "objects.onnx");
        using (var lane = new LaneNet(new Generator(1)))
        using (var obj = new ObjectNet(new Generator(2)))
        {
            OnnxExport.Export(lane, 96, 96, _lanes, null, LaneNet.OutputNames);
            OnnxExport.Export(obj, 96, 96, _objects, null, ObjectNet.OutputNames);
        }
        // The oval cut to three simulated seconds: perception runs on every step.
        var oval = SceneLoader.LoadFile(Path.Combine(DriveModelTests.RepoRoot(), "scenes", "oval.json"));
        _scene = Path.Combine(_dir, "short-oval.json");
        File.WriteAllText(_scene, SceneWriter.Write(oval with { Episode = oval.Episode with { TimeLimit = 3 } }));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Drive_with_perception_scores_it_and_records_its_outputs()
    {
        string folder = Path.Combine(_dir, "rec");
        var (code, _, err) = CliTests.Run("drive", "--scene", _scene, "--perception", "--lane-model", _lanes, "--object-model", _objects, "--record", folder);
        Assert.True(code == 0, err);
        Assert.Contains("sim: perception over 181 frames: lane IoU ", err, StringComparison.Ordinal);
        string file = Assert.Single(Directory.GetFiles(folder, "*.mcap"));
        using var reader = McapReader.Open(file);
        var topics = reader.Channels.Values.ToDictionary(c => c.Id, c => c.Topic);
        var counts = reader.MessageCounts.ToDictionary(kv => topics[kv.Key], kv => kv.Value);
        // One pair per observation while the episode's recording is open (the reset and 179 steps; the last step
        // closes it first), less any the writer dropped while behind (visuals are never waited for).
        ulong annotations = counts[TelemetryChannels.PerceptionAnnotations.Topic];
        Assert.InRange(annotations, 150UL, 180UL);
        Assert.Equal(annotations, counts[TelemetryChannels.PerceptionScores.Topic]);
        foreach (var m in reader.ReadMessages(channels: c => c.Topic == TelemetryChannels.PerceptionScores.Topic).Take(1))
        {
            using var doc = JsonDocument.Parse(m.Data.ToArray());
            Assert.True(doc.RootElement.GetProperty("frames").GetInt64() >= 1);
        }
    }

    [Fact]
    public void Record_camera_keeps_the_frames_the_run_saw()
    {
        string folder = Path.Combine(_dir, "frames");
        var (code, _, err) = CliTests.Run("drive", "--scene", _scene, "--perception", "--lane-model", _lanes, "--object-model", _objects,
            "--record", folder, "--record-camera");
        Assert.True(code == 0, err);
        ulong perceived = Count(Assert.Single(Directory.GetFiles(folder, "*.mcap")), out ulong frames);
        // One frame per perceived step, less what the writer dropped while behind (frames are JPEG-encoded, and the
        // drive runs as fast as it can: visuals never make it wait). Dropped ones are counted on stderr.
        Assert.InRange(frames, 20UL, 180UL);
        Assert.InRange(perceived, 20UL, 180UL);
        Assert.True(frames + perceived == 360 || err.Contains("visual messages dropped", StringComparison.Ordinal), err);

        string model = Path.Combine(DriveModelTests.RepoRoot(), "models", "pixels-driver.pt");
        string modelFolder = Path.Combine(_dir, "model-frames");
        (code, _, err) = CliTests.Run("drive", "--model", model, "--scene", _scene, "--record", modelFolder, "--record-camera");
        Assert.True(code == 0, err);
        Count(Assert.Single(Directory.GetFiles(modelFolder, "*.mcap")), out ulong modelFrames);
        Assert.True(modelFrames > 10, $"{modelFrames} camera frames");

        var (usage, _, error) = CliTests.Run("drive", "--scene", _scene, "--record-camera");
        Assert.Equal(2, usage);
        Assert.Contains("--record-camera needs --record", error, StringComparison.Ordinal);

        static ulong Count(string file, out ulong cameraFrames)
        {
            using var reader = McapReader.Open(file);
            var topics = reader.Channels.Values.ToDictionary(c => c.Id, c => c.Topic);
            var counts = reader.MessageCounts.ToDictionary(kv => topics[kv.Key], kv => kv.Value);
            cameraFrames = counts.GetValueOrDefault(TelemetryChannels.Camera.Topic);
            return counts.GetValueOrDefault(TelemetryChannels.PerceptionAnnotations.Topic);
        }
    }

    [Fact]
    public void Replay_runs_perception_on_a_recording_made_without_it()
    {
        string folder = Path.Combine(_dir, "plain");
        var (code, _, err) = CliTests.Run("drive", "--scene", _scene, "--record", folder);
        Assert.True(code == 0, err);
        string file = Assert.Single(Directory.GetFiles(folder, "*.mcap"));
        (code, _, err) = CliTests.Run("replay", file, "--perception", "--lane-model", _lanes, "--object-model", _objects,
            "--viewer-frames", "20", "--speed", "0", "--size", "320x240");
        Assert.True(code == 0, err);
        Assert.Contains("sim: perception over ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_perception_goes_on_without_a_missing_model_and_says_so_once()
    {
        string missing = Path.Combine(_dir, "nope.onnx");
        var (code, output, err) = CliTests.Run("drive", "--scene", _scene, "--perception", "optional", "--object-model", missing, "--lane-model", _lanes);
        Assert.True(code == 0, err);
        Assert.Contains("episodes completed their laps", output, StringComparison.Ordinal);
        Assert.Single(err.Split('\n'), l => l.Contains("perception off", StringComparison.Ordinal));
        Assert.Contains("nope.onnx", err, StringComparison.Ordinal);
        Assert.DoesNotContain("perception over", err, StringComparison.Ordinal);

        var (required, _, error) = CliTests.Run("drive", "--scene", _scene, "--perception", "--object-model", missing, "--lane-model", _lanes);
        Assert.Equal(2, required);
        Assert.Contains("nope.onnx", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Directml_on_linux_is_refused_with_the_providers_there_are()
    {
        var (code, _, err) = CliTests.Run("drive", "--scene", _scene, "--perception", "--lane-model", _lanes, "--object-model", _objects, "--ep", "dml");
        Assert.Equal(2, code);
        Assert.Contains("CPUExecutionProvider", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Perception_train_refuses_a_checkpoint_of_another_width_before_generating_frames()
    {
        string small = Path.Combine(_dir, "small.pt");
        using (var net = new ObjectNet(new Generator(3), 1))
        {
            net.Save(small);
        }
        string onnx = Path.Combine(_dir, "never.onnx");
        var (code, output, err) = CliTests.Run("perception", "train", "--task", "objects", "--init", small, "--out", onnx);
        Assert.Equal(2, code);
        Assert.Contains("--init", err, StringComparison.Ordinal);
        Assert.Contains($"--width {ObjectNet.ShippedWidth}", err, StringComparison.Ordinal);
        Assert.DoesNotContain("generated", output, StringComparison.Ordinal);
        Assert.False(File.Exists(onnx));
    }

    [Fact]
    public void Eval_perception_prints_every_score_as_json()
    {
        var (code, output, err) = CliTests.Run("eval", "perception", "--frames", "24", "--tracks", "2", "--batch", "8", "--lane-model", _lanes,
            "--object-model", _objects, "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        Assert.Equal(24, r.GetProperty("frames").GetInt32());
        Assert.Equal("test", r.GetProperty("split").GetString());
        Assert.InRange(r.GetProperty("laneIou").GetDouble(), 0, 1);
        Assert.Equal(5, r.GetProperty("perClass").GetArrayLength());
        Assert.All(r.GetProperty("perClass").EnumerateArray(), c => Assert.True(c.GetProperty("falsePositives").GetInt64() >= 0));
        long falsePositives = r.GetProperty("perClass").EnumerateArray().Sum(c => c.GetProperty("falsePositives").GetInt64());
        double precision = r.GetProperty("precision").ValueKind == JsonValueKind.Number ? r.GetProperty("precision").GetDouble() : double.NaN;
        Assert.True(falsePositives == 0 || precision < 1, $"{falsePositives} false positives at precision {precision}");
        Assert.True(r.GetProperty("inferenceMsPerFrame").GetDouble() > 0);
        Assert.All(r.GetProperty("sources").EnumerateArray(), s => Assert.StartsWith("perception-3", s.GetString(), StringComparison.Ordinal));
    }
}
