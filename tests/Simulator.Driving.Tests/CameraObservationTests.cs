using Simulator.Core;
using Simulator.Driving.Cameras;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Tests;

/// <summary>Camera sensors through the env API, rendered by lavapipe with the validation layer on.</summary>
public sealed class CameraObservationTests : IDisposable
{
    private readonly VulkanRenderer _renderer = VulkanRenderer.Create(new RendererOptions(Validation: true));

    private CompiledScene Scene(int w = 48, int h = 32, bool seg = false) =>
        SceneCompiler.Compile(CameraSetups.WithCamera(SceneLoader.LoadFile(ShippedScenes.PathOf("two-lane-traffic")), CameraSetups.Front(w, h, segmentation: seg)));

    public void Dispose()
    {
        Assert.Empty(_renderer.Context.ValidationMessages);
        _renderer.Dispose();
    }

    [Fact]
    public void Vector_env_returns_one_contiguous_image_batch_with_an_unchanged_step_api()
    {
        using var vec = new VectorEnv(Scene(), 4, new EnvOptions { Renderer = _renderer });
        vec.Reset(3);
        Assert.True(vec.HasImages);
        Assert.Equal(4 * 32 * 48 * 4, vec.Images.Length);
        var actions = new float[8];
        for (int i = 0; i < 4; i++)
        {
            actions[2 * i] = 0.05f * i;
            actions[2 * i + 1] = 0.5f;
        }
        for (int t = 0; t < 30; t++)
        {
            vec.Step(actions);
        }
        var img = vec.Images;
        int frame = 32 * 48 * 4;
        // Sky at the top row is bright blue-ish, road in the lower middle is grey: a real picture, not a clear colour.
        Assert.True(img[2] > img[0], "top-left pixel should be sky (blue > red)");
        int mid = ((24 * 48) + 24) * 4;
        Assert.InRange(Math.Abs(img[mid] - img[mid + 2]), 0, 30);
        // Envs that steered differently see different pictures: each row is its own env.
        Assert.False(img.Slice(0, frame).SequenceEqual(img.Slice(3 * frame, frame)));
    }

    [Fact]
    public void A_vector_env_of_one_reset_as_env_2_replays_env_2_of_a_batch_state_and_pixels()
    {
        var scene = Scene();
        using var batch = new VectorEnv(scene, 3, new EnvOptions { Renderer = _renderer });
        using var alone = new VectorEnv(scene, 1, new EnvOptions { Renderer = _renderer });
        batch.Reset(7);
        alone.Reset(7, firstIndex: 2);
        var actions = new float[6] { 0.1f, 0.4f, -0.1f, 0.4f, 0.05f, 0.6f };
        for (int t = 0; t < 15; t++)
        {
            batch.Step(actions);
            alone.Step(actions.AsSpan(4, 2));
        }
        Assert.Equal(2, alone[0].EnvIndex);
        Assert.Equal(batch[2].StateHash(), alone[0].StateHash());
        int frame = 32 * 48 * 4;
        Assert.True(batch.Images.Slice(2 * frame, frame).SequenceEqual(alone.Images));
        alone.Reset(7);
        Assert.Equal(0, alone[0].EnvIndex);
    }

    [Fact]
    public void Same_state_gives_identical_pixels_and_a_batch_row_equals_the_env_rendered_alone()
    {
        var scene = Scene();
        using var vec = new VectorEnv(scene, 3, new EnvOptions { Renderer = _renderer });
        using var vec2 = new VectorEnv(scene, 3, new EnvOptions { Renderer = _renderer });
        vec.Reset(11);
        vec2.Reset(11);
        var actions = new float[6] { 0.1f, 0.4f, -0.1f, 0.4f, 0, 0.4f };
        for (int t = 0; t < 20; t++)
        {
            vec.Step(actions);
            vec2.Step(actions);
        }
        Assert.True(vec.Images.SequenceEqual(vec2.Images));

        // Env 1 of the batch, replayed alone with the same episode seed and actions, has the same snapshot, and that
        // snapshot rendered by a rig of one gives the same bytes as its row of the batch.
        var single = new DrivingEnv(scene, new EnvOptions(), envIndex: 1);
        var obs = new float[single.Observation.VectorSize];
        single.Reset(Core.Rng.Derive(11, 1, 0), obs);
        for (int t = 0; t < 20; t++)
        {
            single.Step(new DrivingAction(-0.1f, 0.4f), obs);
        }
        Assert.Equal(vec.Snapshots[1].ContentHash(), single.Snapshot.ContentHash());
        using var rig = new CameraRig([scene], single.Observation.Cameras[0], _renderer);
        var alone = rig.Wait(rig.Submit([single.Snapshot]));
        int frame = 32 * 48 * 4;
        Assert.True(alone.ColorOf(0).SequenceEqual(vec.Images.Slice(frame, frame)));
    }

    [Fact]
    public void Segmentation_sees_road_and_the_ego_hood_and_final_frames_are_kept()
    {
        var scene = SceneCompiler.Compile(SceneLoader.Parse("""
            { "name": "short", "track": { "controlPoints": [[0,0],[200,0],[200,100],[0,100]] }, "lanes": { "count": 2, "width": 3.75 },
              "episode": { "timeLimit": 1.0 },
              "egos": [ { "name": "ego", "sensors": [ { "type": "speed" }, { "type": "camera", "width": 64, "height": 48, "segmentation": true, "mount": { "x": 1.0, "z": 1.4, "pitch": -12 } } ] } ] }
            """, "short.json"));
        using var vec = new VectorEnv(scene, 2, new EnvOptions { Renderer = _renderer });
        vec.Reset(5);
        var seg = vec.Frame.SegmentationOf(0);
        int road = 0, vehicle = 0, sky = 0;
        foreach (byte c in seg)
        {
            road += c == (byte)SemanticClass.Road ? 1 : 0;
            vehicle += c == (byte)SemanticClass.Vehicle ? 1 : 0;
            sky += c == (byte)SemanticClass.Sky ? 1 : 0;
        }
        Assert.True(road > 300, $"road pixels {road}");
        Assert.True(sky > 100, $"sky pixels {sky}");
        Assert.True(vehicle > 20, $"the camera sits behind the bonnet, so the ego's own car shows: {vehicle}");
        var actions = new float[4];
        for (int t = 0; t < 60; t++)
        {
            vec.Step(actions);
        }
        Assert.True(vec.Truncated[0] && vec.Truncated[1]);
        Assert.Equal(vec.Images.Length, vec.FinalImages.Length);
        Assert.Contains(vec.FinalImages.ToArray(), b => b != 0);
    }

    [Fact]
    public void Domain_randomisation_is_deterministic_per_seed_and_rendering_allocates_nothing_per_frame()
    {
        var description = CameraSetups.WithCamera(SceneLoader.LoadFile(ShippedScenes.PathOf("oval")), CameraSetups.Front(48, 32));
        var scene = SceneCompiler.Compile(description with
        {
            Randomization = description.Randomization with { ColorJitter = (0.3, 0.3), CameraJitter = (0.2, 0.2), ImageNoise = (0.02, 0.02) },
        });
        using var a = new VectorEnv(scene, 2, new EnvOptions { Renderer = _renderer }, threads: 1);
        using var b = new VectorEnv(scene, 2, new EnvOptions { Renderer = _renderer }, threads: 1);
        using var c = new VectorEnv(scene, 2, new EnvOptions { Renderer = _renderer }, threads: 1);
        a.Reset(21);
        b.Reset(21);
        c.Reset(22);
        Assert.True(a.Images.SequenceEqual(b.Images));
        Assert.False(a.Images.SequenceEqual(c.Images));
        var actions = new float[4] { 0, 0.3f, 0, 0.3f };
        for (int t = 0; t < 5; t++)
        {
            a.Step(actions);
            _ = a.Images[0];
        }
        Assert.Equal(0, ThreadAllocations.Smallest(() =>
        {
            for (int t = 0; t < 50; t++)
            {
                a.Step(actions);
                _ = a.Images[0];
            }
        }).Bytes);
    }
}
