using System.Numerics;
using System.Text.Json;
using Simulator.Telemetry.Channels;
using Simulator.Telemetry.Messages;

namespace Simulator.Telemetry.Tests;

public class EncoderTests
{
    [Fact]
    public void The_optical_frame_looks_along_the_camera_heading()
    {
        var q = TelemetryEncoder.OpticalQuaternion(0, 0, 0);
        AssertNear(Vector3.UnitX, Vector3.Transform(Vector3.UnitZ, q));   // optical z (forward) = world east
        AssertNear(-Vector3.UnitY, Vector3.Transform(Vector3.UnitX, q));  // optical x (right)
        AssertNear(-Vector3.UnitZ, Vector3.Transform(Vector3.UnitY, q));  // optical y (down)
        var north = TelemetryEncoder.OpticalQuaternion(MathF.PI / 2, 0, 0);
        AssertNear(Vector3.UnitY, Vector3.Transform(Vector3.UnitZ, north));
        var up = TelemetryEncoder.OpticalQuaternion(0, 0.3f, 0);           // positive pitch looks up
        Assert.True(Vector3.Transform(Vector3.UnitZ, up).Z > 0.2f);
    }

    [Fact]
    public void Every_channel_schema_is_valid_json_named_after_its_schema()
    {
        foreach (var c in TelemetryChannels.All)
        {
            using var doc = JsonDocument.Parse(c.Schema);
            Assert.Equal(c.SchemaName, doc.RootElement.GetProperty("title").GetString());
            Assert.Equal("json", c.MessageEncoding);
            Assert.Equal("jsonschema", c.SchemaEncoding);
        }
        Assert.Equal(TelemetryChannels.All.Length, TelemetryChannels.All.Select(c => c.Topic).Distinct().Count());
    }

    [Fact]
    public void Actors_are_cubes_with_their_ids_and_non_finite_numbers_are_null()
    {
        using var env = TestEnv.SteppedOval();
        using var encoder = new TelemetryEncoder();
        using var actors = JsonDocument.Parse(encoder.Actors(env.Snapshot, 1_500_000_000));
        var entities = actors.RootElement.GetProperty("entities");
        Assert.Equal(env.Snapshot.Actors.Length, entities.GetArrayLength());
        Assert.Equal($"actor/{env.Snapshot.Actors[0].InstanceId}", entities[0].GetProperty("id").GetString());
        Assert.Equal(1, actors.RootElement.GetProperty("deletions")[0].GetProperty("type").GetInt32());
        using var metrics = JsonDocument.Parse(encoder.Training(new TrainingMetrics { Iteration = 2, MeanReturn = double.PositiveInfinity }, 1));
        Assert.Equal(JsonValueKind.Null, metrics.RootElement.GetProperty("mean_return").ValueKind);
        Assert.Equal(1, metrics.RootElement.GetProperty("timestamp").GetProperty("nsec").GetInt32());
    }

    [Fact]
    public void Camera_frames_are_jpeg()
    {
        using var encoder = new TelemetryEncoder();
        byte[] jpeg = encoder.Jpeg(new CameraFrame(new byte[32 * 16 * 3], 32, 16, 3));
        Assert.Equal([0xFF, 0xD8, 0xFF], jpeg[..3]);
        Assert.Throws<ArgumentException>(() => new CameraFrame(new byte[10], 32, 16, 3));
    }

    private static void AssertNear(Vector3 expected, Vector3 actual) =>
        Assert.True(Vector3.Distance(expected, actual) < 1e-5f, $"expected {expected}, got {actual}");
}
