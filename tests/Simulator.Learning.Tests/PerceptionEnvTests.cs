using Simulator.Core;
using Simulator.Driving.Cameras;
using Simulator.Driving.Runtime;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Perception.Loop;

namespace Simulator.Learning.Tests;

/// <summary>Perception as an agent observation: <see cref="PerceptionVectorEnv"/> over camera envs with small exported models.</summary>
public sealed class PerceptionEnvTests : IDisposable
{
    private readonly PerceptionTestModels _models = new();

    public void Dispose() => _models.Dispose();

    private IDrivingVectorEnv Create(IReadOnlyList<CompiledScene> scenes, bool pixels, int actionRepeat = 1) =>
        DrivingEnvs.Create(scenes, DrivingActionMode.Continuous, _models.Settings(pixels), _models.Folder, actionRepeat: actionRepeat);

    // The same models in a stage of their own: what the wrapper's features must equal.
    private PerceptionStage Reference(int batch) => PerceptionStage.Create(_models.Settings(true).ToConfig(_models.Folder), batch);

    private static float[] Expected(PerceptionStage stage, ReadOnlySpan<byte> rgba, ReadOnlySpan<float> inner, int envs)
    {
        int v = inner.Length / envs, size = v + PerceptionFeatures.Size;
        byte[] frames = rgba.ToArray();
        stage.Run(frames, envs);
        var expected = new float[envs * size];
        for (int i = 0; i < envs; i++)
        {
            inner.Slice(i * v, v).CopyTo(expected.AsSpan(i * size));
            PerceptionFeatures.Write(stage[i], stage.Width, stage.Height, expected.AsSpan(i * size + v, PerceptionFeatures.Size));
        }
        return expected;
    }

    [Fact]
    public void Vectors_are_the_driving_vectors_followed_by_the_perception_features_of_the_same_frames()
    {
        using var env = Create([PerceptionTestModels.Track(1), PerceptionTestModels.Track(2), PerceptionTestModels.Track(3)], pixels: true);
        using var stage = Reference(3);
        DrivingVectorEnv driving = env.DrivingEnv;
        int v = driving.ObservationSpec.VectorSize;
        Assert.True(v > 0);
        Assert.Equal(new ObservationSpec(3, PerceptionTestModels.Size, PerceptionTestModels.Size, v + PerceptionFeatures.Size), env.ObservationSpec);
        Assert.Equal(driving.ActionSpec, env.ActionSpec);
        env.Reset(11);
        Assert.Equal(Expected(stage, driving.Inner.Images, driving.Vectors, 3), env.Vectors.ToArray());
        Assert.Equal(driving.Images.ToArray(), env.Images.ToArray());
        var actions = new float[6];
        var rewards = new float[3];
        var terminated = new bool[3];
        var truncated = new bool[3];
        bool sawObjects = false, changed = false;
        float[] first = env.Vectors.ToArray();
        for (int t = 0; t < 6; t++)
        {
            for (int i = 0; i < 3; i++)
            {
                actions[2 * i] = 0.3f * (i - 1);
                actions[2 * i + 1] = 1;
            }
            env.Step(actions, rewards, terminated, truncated);
            Assert.Equal(driving.Inner.Rewards, rewards);
            float[] got = env.Vectors.ToArray();
            Assert.Equal(Expected(stage, driving.Inner.Images, driving.Vectors, 3), got);
            Assert.Equal(driving.Images.ToArray(), env.Images.ToArray());
            for (int i = 0; i < 3; i++)
            {
                sawObjects |= got[i * (v + PerceptionFeatures.Size) + v + PerceptionFeatures.LaneValues] == 1;
            }
            changed |= !got.AsSpan().SequenceEqual(first);
        }
        // The untrained object head fires somewhere, so the comparison covers detections, not only zeros.
        Assert.True(sawObjects, "no object features were written");
        Assert.True(changed);
    }

    [Fact]
    public void Without_pixels_the_spec_has_no_image_and_the_images_are_empty()
    {
        using var env = Create([PerceptionTestModels.Track(1)], pixels: false);
        int v = env.DrivingEnv.ObservationSpec.VectorSize;
        Assert.Equal(ObservationSpec.VectorOnly(v + PerceptionFeatures.Size), env.ObservationSpec);
        env.ObservationSpec.Validate();
        env.Reset(1);
        Assert.True(env.Images.IsEmpty);
        Assert.Equal(v + PerceptionFeatures.Size, env.Vectors.Length);
        env.Step(new float[2], new float[1], new bool[1], new bool[1]);
        Assert.True(env.Images.IsEmpty);
        Assert.True(env.FinalImages.IsEmpty);
        using var stage = Reference(1);
        Assert.Equal(Expected(stage, env.DrivingEnv.Inner.Images, env.DrivingEnv.Vectors, 1), env.Vectors.ToArray());
    }

    [Fact]
    public void Final_observations_of_ended_episodes_carry_the_perception_of_their_final_frames()
    {
        // Time limits of 1 s and 1.5 s: the envs end at different steps; the action repeat makes one end inside a repeat.
        using var env = Create([PerceptionTestModels.Track(1, timeLimit: 1), PerceptionTestModels.Track(2, timeLimit: 1.5)], pixels: true, actionRepeat: 2);
        using var stage = Reference(2);
        DrivingVectorEnv driving = env.DrivingEnv;
        int v = driving.ObservationSpec.VectorSize, size = v + PerceptionFeatures.Size;
        Assert.True(env.HasFinalObservations);
        env.Reset(5);
        var actions = new float[] { 0, 1, 0.2f, 1 };
        var rewards = new float[2];
        var terminated = new bool[2];
        var truncated = new bool[2];
        int ends = 0;
        for (int t = 0; t < 200 && ends < 3; t++)
        {
            env.Step(actions, rewards, terminated, truncated);
            for (int i = 0; i < 2; i++)
            {
                if (!terminated[i] && !truncated[i])
                {
                    continue;
                }
                ends++;
                int bytes = stage.FrameBytes;
                float[] expected = Expected(stage, driving.Inner.FinalImages.Slice(i * bytes, bytes), driving.FinalVectors.Slice(i * v, v), 1);
                Assert.Equal(expected, env.FinalVectors.Slice(i * size, size).ToArray());
                Assert.Equal(driving.FinalImages.Slice(i * stage.Width * stage.Height * 3, stage.Width * stage.Height * 3).ToArray(),
                    env.FinalImages.Slice(i * stage.Width * stage.Height * 3, stage.Width * stage.Height * 3).ToArray());
                // The final observation is the episode's last, not the new episode's first.
                Assert.NotEqual(env.Vectors.Slice(i * size, size).ToArray(), env.FinalVectors.Slice(i * size, size).ToArray());
            }
        }
        Assert.True(ends >= 3, $"only {ends} episode ends in 200 steps");
    }

    [Fact]
    public void A_camera_that_is_not_the_models_front_camera_is_refused_naming_the_scene_and_both_cameras()
    {
        var wrongSize = PerceptionTestModels.Track(1, CameraSetups.Front(64, 64));
        var e = Assert.Throws<SimInputException>(() => Create([wrongSize], pixels: true));
        Assert.Contains($"scene '{wrongSize.Name}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("64×64", e.Message, StringComparison.Ordinal);
        Assert.Contains("front camera 32×32", e.Message, StringComparison.Ordinal);

        var moved = PerceptionTestModels.Track(2, CameraSetups.Front(32, 32) with { Camera = CameraSetups.Front(32, 32).Camera! with { Pitch = -20 } });
        e = Assert.Throws<SimInputException>(() => Create([PerceptionTestModels.Track(1), moved], pixels: false));
        Assert.Contains($"scene '{moved.Name}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("pitch -20°", e.Message, StringComparison.Ordinal);
        Assert.Contains("pitch -9°", e.Message, StringComparison.Ordinal);

        var noCamera = SceneCompiler.Compile(Simulator.Driving.Scenes.SceneGenerator.Describe(3, new() { Length = 400 }));
        e = Assert.Throws<SimInputException>(() => Create([noCamera], pixels: false));
        Assert.Contains("no camera", e.Message, StringComparison.Ordinal);
        Assert.Contains("front camera 32×32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_perception_models_name_the_file()
    {
        var settings = _models.Settings(true) with { ObjectModel = "missing.onnx" };
        var e = Assert.ThrowsAny<SimException>(() =>
            DrivingEnvs.Create([PerceptionTestModels.Track(1)], DrivingActionMode.Continuous, settings, _models.Folder));
        Assert.Contains("missing.onnx", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Steady_state_observations_allocate_no_more_than_the_stage_does_on_the_same_frames()
    {
        using var env = Create([PerceptionTestModels.Track(1), PerceptionTestModels.Track(2)], pixels: false);
        using var stage = Reference(2);
        var actions = new float[] { 0, 0.5f, 0, 0.5f };
        var rewards = new float[2];
        var terminated = new bool[2];
        var truncated = new bool[2];
        env.Reset(3);
        long wrapper = 0, stageOnly = 0;
        for (int t = 0; t < 25; t++)
        {
            env.Step(actions, rewards, terminated, truncated);
            _ = env.DrivingEnv.Inner.Images; // waits for the render outside the measurement
            long before = GC.GetAllocatedBytesForCurrentThread();
            _ = env.Vectors;
            long wrapped = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            // The same memory as the wrapper's run: the runner binds its input anew when the frames' address changes.
            stage.Run(env.DrivingEnv.Inner.Images, 2);
            long alone = GC.GetAllocatedBytesForCurrentThread() - before;
            if (t >= 5)
            {
                wrapper += wrapped;
                stageOnly += alone;
            }
        }
        // The stage's decoders may allocate (fitted lane arrays); the wrapper adds nothing of its own.
        Assert.True(wrapper <= stageOnly, $"perceiving 20 steps allocated {wrapper} B; the stage alone on the same frames {stageOnly} B");
    }
}
