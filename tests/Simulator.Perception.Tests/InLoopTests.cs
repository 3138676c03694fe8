using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Perception.Data;
using Simulator.Perception.Decoding;
using Simulator.Perception.Loop;
using Simulator.Perception.Models;
using Simulator.Perception.Onnx;
using Simulator.Torch;

namespace Simulator.Perception.Tests;

/// <summary>The perception stage in the loop: batched runs, live perception over a short episode, features, bad models.</summary>
[Collection(RendererCollection.Name)]
public sealed class InLoopTests(RendererFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sim-perception-loop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Untrained but seeded networks exported as convention-v1 models (what runs does not need to be good here).</summary>
    private PerceptionConfig Models(bool optional = false)
    {
        string lanes = Path.Combine(_dir, "lanes.onnx"), objects = Path.Combine(_dir, "objects.onnx");
        if (!File.Exists(lanes))
        {
            using var lane = new LaneNet(new Generator(3));
            using var obj = new ObjectNet(new Generator(4));
            OnnxExport.Export(lane, 96, 96, lanes, null, LaneNet.OutputNames);
            OnnxExport.Export(obj, 96, 96, objects, null, ObjectNet.OutputNames);
        }
        return new PerceptionConfig { LaneModel = lanes, ObjectModel = objects, Optional = optional };
    }

    [Fact]
    public void A_batch_gives_every_frame_the_result_it_gets_alone()
    {
        var rng = new Random(5);
        byte[] frames = new byte[4 * 96 * 96 * 4];
        rng.NextBytes(frames);
        using var batched = PerceptionStage.Create(Models(), maxBatch: 4);
        using var single = PerceptionStage.Create(Models(), maxBatch: 1);
        batched.Run(frames, 4);
        for (int i = 0; i < 4; i++)
        {
            single.Run(frames.AsSpan(i * single.FrameBytes, single.FrameBytes), 1);
            Assert.Equal(single[0].Classes, batched[i].Classes);
            Assert.Equal(single[0].Detections.ToArray(), batched[i].Detections.ToArray());
            Assert.Equal(single[0].Lanes.Length, batched[i].Lanes.Length);
        }
        Assert.Equal(4, batched.Frames);
        Assert.Equal(4, single.Frames);
        Assert.True(batched.MillisecondsPerFrame > 0);
    }

    [Fact]
    public void Live_perception_runs_and_scores_every_step_of_an_episode()
    {
        var scene = SceneCompiler.Compile(TestScenes.Stadium());
        using var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
        var obs = new float[env.Observation.VectorSize];
        using var live = LivePerception.Start(Models(), fixture.Renderer, notices: null)!;
        env.Reset(7, obs);
        live.Observe(env.Snapshot);
        for (int i = 0; i < 40; i++)
        {
            env.Step(default(DrivingAction), obs);
            var overlay = live.Observe(env.Snapshot);
            Assert.Equal(96, overlay.ImageWidth);
        }
        Assert.Equal(41, live.Observed);
        Assert.Equal(41, live.Scorer!.Frames);
        Assert.Equal(41, live.Scorer.Segmentation.Frames);
        var scores = live.Scorer.Scores(live.Stage.MillisecondsPerFrame, refreshFrames: 0);
        Assert.InRange(scores.LaneIoU, 0, 1);
        // The stadium's lane lines are ground truth in every frame, drawn as ground-truth lines in the overlay.
        Assert.Contains(live.Overlay.Lines, l => l.GroundTruth);
        Assert.True(live.Scorer.Lanes.TrueLanes > 0);
        fixture.AssertNoValidationMessages();
    }

    [Fact]
    public void Live_perception_sees_exactly_what_the_dataset_renders_for_the_same_snapshot()
    {
        var scene = SceneCompiler.Compile(TestScenes.Stadium());
        using var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
        var obs = new float[env.Observation.VectorSize];
        env.Reset(3, obs);
        for (int i = 0; i < 10; i++)
        {
            env.Step(default(DrivingAction), obs);
        }
        using var live = LivePerception.Start(Models(), fixture.Renderer, notices: null)!;
        live.Observe(env.Snapshot);
        PerceptionFrame truth = TestScenes.Render(fixture.Renderer, env.Snapshot, 96, 96);
        using var stage = PerceptionStage.Create(Models(), 1);
        stage.Run(truth.Rgba, 1);
        Assert.Equal(stage[0].Classes, live.Result.Classes);
        Assert.Equal(stage[0].Detections.ToArray(), live.Result.Detections.ToArray());
    }

    [Fact]
    public void Optional_perception_with_a_missing_model_says_so_once_and_is_off()
    {
        var notices = new StringWriter();
        var config = Models(optional: true) with { ObjectModel = Path.Combine(_dir, "missing.onnx") };
        Assert.Null(LivePerception.Start(config, fixture.Renderer, notices));
        string said = notices.ToString();
        Assert.StartsWith("perception off: ", said, StringComparison.Ordinal);
        Assert.Contains("missing.onnx", said, StringComparison.Ordinal);
        Assert.Single(said.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var required = config with { Optional = false };
        var e = Assert.Throws<PerceptionModelException>(() => LivePerception.Start(required, fixture.Renderer, notices));
        Assert.Contains("missing.onnx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lane_model_in_the_object_slot_is_refused_naming_expected_and_actual()
    {
        var config = Models();
        var swapped = config with { ObjectModel = config.LaneModel };
        var e = Assert.Throws<PerceptionModelException>(() => PerceptionStage.Create(swapped, 1));
        Assert.Contains("heatmap", e.Message, StringComparison.Ordinal);
        Assert.Contains("lane_logits", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Features_put_the_lane_first_and_the_closest_objects_next()
    {
        using var stage = PerceptionStage.Create(Models(), 1);
        stage.Run(new byte[stage.FrameBytes], 1);
        PerceptionResult r = stage[0];
        r.Lane = new LaneObservation(true, 0.5f, 0.1f, 3.6f);
        r.HasLanes = true;
        r.HasObjects = true;
        r.DetectionBuffer[0] = new DetectedBox(ObjectClass.Cone, 10, 40, 14, 48, 0.9f);
        r.DetectionBuffer[1] = new DetectedBox(ObjectClass.Vehicle, 40, 50, 60, 70, 0.8f);
        r.DetectionCount = 2;
        var f = new float[PerceptionFeatures.Size + 1];
        f[^1] = 42;
        PerceptionFeatures.Write(r, 96, 96, f);
        Assert.Equal([1f, 0.25f, 0.1f, 0.9f], f[..4]);
        // The vehicle's bottom edge (70) is lower in the image than the cone's (48): it is closer, so it comes first.
        Assert.Equal([1f, 0f, (40 + 60) / 96f - 1, 70 / 96f, 20 / 96f, 20 / 96f], f[4..10]);
        Assert.Equal([1f, 2 / 4f, (10 + 14) / 96f - 1, 48 / 96f, 4 / 96f, 8 / 96f], f[10..16]);
        Assert.All(f[16..PerceptionFeatures.Size], v => Assert.Equal(0, v));
        Assert.Equal(42, f[^1]);
    }
}
