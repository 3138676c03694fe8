using Simulator.Core;
using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

[Collection(VulkanCollection.Name)]
public sealed class AllocationTests(VulkanFixture fx)
{
    [Fact]
    public void Steady_state_submit_and_wait_do_not_allocate()
    {
        using var renderer = new VulkanRenderer(fx.Context);
        PropLibrary props = PropLibrary.Load(renderer);
        int set = renderer.AddStaticSet(BenchmarkScene.BuildStaticParts());
        using CameraBatch batch = renderer.CreateBatch(new BatchDescription(8, 32, 32, RenderOutputs.All, MaxInstancesPerEnv: 16));
        for (int e = 0; e < 8; e++)
        {
            batch.Env(e) = BenchmarkScene.View(e, 8, set);
            BenchmarkScene.AddProps(batch, e, props, e, 8);
        }
        void Step()
        {
            long t = batch.Submit();
            FrameView view = batch.Wait(t);
            _ = view.BoxesOf(0).Length + view.Color[0];
        }
        Step();
        Step();
        Assert.Equal(0, ThreadAllocations.Smallest(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                batch.Env(i % 8).Camera.Yaw += 0.01f;
                Step();
            }
        }).Bytes);
        fx.AssertNoValidationMessages();
    }
}
