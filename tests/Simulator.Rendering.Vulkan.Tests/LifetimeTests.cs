using System.Diagnostics;
using Simulator.Core;
using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

[Collection(VulkanCollection.Name)]
public sealed class LifetimeTests(VulkanFixture fx)
{
    private static long Rss()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }

    [Fact]
    public void Creating_and_destroying_renderers_1000_times_keeps_objects_and_memory_flat()
    {
        MeshData box = TestMeshes.Box(1, 1, 1);
        void Cycle()
        {
            using var renderer = new VulkanRenderer(fx.Context);
            int mesh = renderer.AddMesh(box);
            using CameraBatch batch = renderer.CreateBatch(new BatchDescription(2, 16, 16, RenderOutputs.All));
            batch.AddInstance(0, PropInstance.Create(mesh, new(4, 0, 0), 0, new(1, 0, 0), SemanticClass.Vehicle, 1));
            batch.Submit();
            batch.Submit(); // left in flight on purpose: Dispose must wait for the fences
        }
        long objects = fx.Context.LiveObjects;
        for (int i = 0; i < 50; i++)
        {
            Cycle();
        }
        GC.Collect();
        long rss = Rss();
        for (int i = 0; i < 950; i++)
        {
            Cycle();
            Assert.Equal(objects, fx.Context.LiveObjects);
        }
        GC.Collect();
        long growth = Rss() - rss;
        Assert.True(growth < 24L << 20, $"RSS grew by {growth >> 20} MiB over 950 renderer cycles");
        fx.AssertNoValidationMessages();
    }

    [Fact]
    public void Full_instance_and_device_cycles_release_everything()
    {
        long contexts = VulkanContext.LiveContexts;
        using (VulkanRenderer warm = VulkanRenderer.Create(new RendererOptions(Validation: true)))
        {
            Assert.Equal(contexts + 1, VulkanContext.LiveContexts);
        }
        GC.Collect();
        long rss = Rss();
        for (int i = 0; i < 20; i++)
        {
            using VulkanRenderer renderer = VulkanRenderer.Create(new RendererOptions(Validation: i % 2 == 0));
            Assert.False(string.IsNullOrEmpty(renderer.DeviceName));
            using CameraBatch batch = renderer.CreateBatch(new BatchDescription(1, 8, 8));
            batch.Wait(batch.Submit());
            Assert.Empty(renderer.Context.ValidationMessages);
        }
        GC.Collect();
        Assert.Equal(contexts, VulkanContext.LiveContexts);
        long growth = Rss() - rss;
        Assert.True(growth < 48L << 20, $"RSS grew by {growth >> 20} MiB over 20 instance cycles");
    }
}

public sealed class DeviceSelectionTests
{
    [Fact]
    public void Unknown_gpu_name_lists_the_devices()
    {
        var e = Assert.Throws<SimInputException>(() => VulkanContext.Create(new RendererOptions(Gpu: "no-such-gpu-xyz")));
        IReadOnlyList<GpuDeviceInfo> devices = VulkanContext.ListDevices();
        Assert.NotEmpty(devices);
        Assert.Contains(devices[0].Name, e.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-gpu-xyz", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.ExitCode);
    }

    [Fact]
    public void Gpu_index_out_of_range_and_name_or_index_selection()
    {
        Assert.Throws<SimInputException>(() => VulkanContext.Create(new RendererOptions(Gpu: "57")));
        IReadOnlyList<GpuDeviceInfo> devices = VulkanContext.ListDevices();
        GpuDeviceInfo first = devices.First(d => d.Suitable);
        using (VulkanContext byIndex = VulkanContext.Create(new RendererOptions(Gpu: first.Index.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            Assert.Equal(first.Name, byIndex.DeviceName);
        }
        string part = first.Name[..4].ToUpperInvariant();
        using VulkanContext byName = VulkanContext.Create(new RendererOptions(Gpu: part));
        Assert.Contains(part, byName.DeviceName.ToUpperInvariant(), StringComparison.Ordinal);
    }
}
