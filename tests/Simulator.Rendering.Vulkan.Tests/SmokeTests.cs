using System.Numerics;
using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

[Collection(VulkanCollection.Name)]
public sealed class SmokeTests(VulkanFixture fx)
{
    [Fact]
    public void Box_in_front_of_camera_is_drawn_over_sky()
    {
        using var renderer = new VulkanRenderer(fx.Context);
        int box = renderer.AddMesh(TestMeshes.Box(1, 1, 2));
        using CameraBatch batch = renderer.CreateBatch(new BatchDescription(2, 64, 48, RenderOutputs.All));
        batch.Env(0).Camera = CameraPose.Create(new Vector3(0, 0, 1), 0f);
        batch.Env(1).Camera = CameraPose.Create(new Vector3(0, 0, 1), MathF.PI);
        batch.AddInstance(0, PropInstance.Create(box, new Vector3(5, 0, 0), 0, new Vector3(1, 0, 0), SemanticClass.Vehicle, 7));
        long t = batch.Submit();
        FrameView view = batch.Wait(t);
        int center = (24 * 64 + 32);
        Assert.Equal((byte)SemanticClass.Vehicle, view.SegmentationOf(0)[center]);
        Assert.Equal(7u, view.InstanceIdsOf(0)[center]);
        Assert.Equal((byte)SemanticClass.Sky, view.SegmentationOf(1)[center]);
        Assert.InRange(view.DepthOf(0)[center], 3.99f, 4.01f);
        ReadOnlySpan<byte> c0 = view.ColorOf(0).Slice(center * 4, 4);
        Assert.True(c0[0] > c0[2], $"box should be red-ish: {c0[0]},{c0[1]},{c0[2]}");
        Assert.Equal(1, view.BoxesOf(0).Length);
        Assert.Equal(0, view.BoxesOf(1).Length);
        fx.AssertNoValidationMessages();
    }
}
