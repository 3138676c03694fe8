using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

/// <summary><see cref="CameraBatch.Submit(int)"/>: rendering only envs [0, k) of a batch.</summary>
[Collection(VulkanCollection.Name)]
public sealed class PartialSubmitTests(VulkanFixture fx)
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void Env_i_of_a_partial_submit_has_the_pixels_of_row_i_of_a_full_submit(int envCount)
    {
        using var renderer = new VulkanRenderer(fx.Context);
        PropLibrary props = PropLibrary.Load(renderer);
        int set = renderer.AddStaticSet(BenchmarkScene.BuildStaticParts());
        // Four passes of two envs each: partial counts end inside a pass (3, 5) or on a pass boundary (8).
        using CameraBatch batch = renderer.CreateBatch(new BatchDescription(8, 32, 24, RenderOutputs.All, MaxInstancesPerEnv: 16, RenderPasses: 4));
        for (int e = 0; e < 8; e++)
        {
            batch.Env(e) = BenchmarkScene.View(e, 8, set);
            BenchmarkScene.AddProps(batch, e, props, e, 8);
        }
        FrameView full = batch.Wait(batch.Submit());
        byte[] color = full.Color.ToArray();
        float[] depth = full.Depth.ToArray();
        byte[] classes = full.Segmentation.ToArray();
        uint[] ids = full.InstanceIds.ToArray();
        int[] boxes = new int[8];
        for (int e = 0; e < 8; e++)
        {
            boxes[e] = full.BoxesOf(e).Length;
        }

        FrameView part = batch.Wait(batch.Submit(envCount));
        int pixels = 32 * 24;
        for (int e = 0; e < envCount; e++)
        {
            Assert.True(part.ColorOf(e).SequenceEqual(color.AsSpan(e * pixels * 4, pixels * 4)), $"colour of env {e}");
            Assert.True(part.DepthOf(e).SequenceEqual(depth.AsSpan(e * pixels, pixels)), $"depth of env {e}");
            Assert.True(part.SegmentationOf(e).SequenceEqual(classes.AsSpan(e * pixels, pixels)), $"classes of env {e}");
            Assert.True(part.InstanceIdsOf(e).SequenceEqual(ids.AsSpan(e * pixels, pixels)), $"instance ids of env {e}");
            Assert.Equal(boxes[e], part.BoxesOf(e).Length);
        }
        Assert.True(boxes[0] > 0, "the scene shows boxes");
        // A full submit after a partial one is whole again.
        FrameView again = batch.Wait(batch.Submit());
        Assert.True(again.Color.SequenceEqual(color));
        fx.AssertNoValidationMessages();
    }

    [Fact]
    public void A_partial_submit_of_no_env_or_more_than_the_batch_is_refused()
    {
        using var renderer = new VulkanRenderer(fx.Context);
        using CameraBatch batch = renderer.CreateBatch(new BatchDescription(2, 16, 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Submit(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Submit(3));
    }
}
