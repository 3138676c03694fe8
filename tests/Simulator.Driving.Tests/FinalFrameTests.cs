using Simulator.Driving.Cameras;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Tests;

/// <summary>Final frames of envs that ended: rendered apart, only for those envs, equal to a full render of the same snapshot.</summary>
public sealed class FinalFrameTests : IDisposable
{
    private readonly VulkanRenderer _renderer = VulkanRenderer.Create(new RendererOptions(Validation: true));

    public void Dispose()
    {
        Assert.Empty(_renderer.Context.ValidationMessages);
        _renderer.Dispose();
    }

    [Fact]
    public void Final_frames_of_the_ended_envs_equal_a_full_render_of_their_final_snapshots()
    {
        // Env 1 drives off the road at once and ends; envs 0, 2 and 3 keep going.
        var scene = SceneCompiler.Compile(CameraSetups.WithCamera(SceneLoader.LoadFile(ShippedScenes.PathOf("oval")), CameraSetups.Front(40, 30)));
        using var vec = new VectorEnv(scene, 4, new EnvOptions { Renderer = _renderer }, threads: 1);
        using var rig = new CameraRig([scene, scene, scene, scene], vec.Observation.Cameras[0], _renderer);
        vec.Reset(17);
        var actions = new float[] { 0, 0.3f, 1, 1, 0, 0.3f, 0, 0.3f };
        int frame = 40 * 30 * 4;
        int ended = 0;
        var reference = new Snapshots.WorldSnapshot[4];
        for (int t = 0; t < 400 && ended < 2; t++)
        {
            vec.Step(actions);
            bool any = false;
            for (int i = 0; i < 4; i++)
            {
                bool done = vec.Terminated[i] || vec.Truncated[i];
                reference[i] = done ? vec.FinalSnapshotOf(i) : vec.Snapshots[i];
                any |= done;
            }
            if (!any)
            {
                continue;
            }
            ended++;
            byte[] finals = vec.FinalImages.ToArray();
            // The reference: all four envs rendered as one full batch, the ended envs' final snapshots in their rows.
            var full = rig.Wait(rig.Submit(reference));
            for (int i = 0; i < 4; i++)
            {
                if (vec.Terminated[i] || vec.Truncated[i])
                {
                    Assert.True(full.ColorOf(i).SequenceEqual(finals.AsSpan(i * frame, frame)), $"final frame of env {i}");
                    // Row i of the current images is the new episode's first frame, not the final one.
                    Assert.False(vec.Images.Slice(i * frame, frame).SequenceEqual(finals.AsSpan(i * frame, frame)));
                }
                else
                {
                    Assert.True(vec.Images.Slice(i * frame, frame).SequenceEqual(full.ColorOf(i)), $"current frame of env {i}");
                }
            }
            Assert.True(vec.Terminated[1] || vec.Truncated[1], "env 1 steers off the road and ends");
        }
        Assert.Equal(2, ended);
    }
}
