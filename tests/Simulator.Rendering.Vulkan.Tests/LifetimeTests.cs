using Simulator.Core;
using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

[Collection(VulkanCollection.Name)]
public sealed class LifetimeTests(VulkanFixture fx)
{
    /// <summary>Native heap bytes in use after a full collection. Freed memory that glibc keeps (this host keeps up to
    /// 512 MiB per heap, like the CLI) does not count, so the figure moves only when something is still held.</summary>
    private static long InUse()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long? bytes = NativeHeap.InUseBytes;
        Assert.True(bytes.HasValue, "glibc's mallinfo2 is expected on the Linux test machines");
        return bytes.Value;
    }

    /// <summary>Runs <paramref name="rounds"/> rounds of <paramref name="cycles"/> cycles and returns how much the native
    /// heap grew in each. A leak grows it in every round; a one-off cache fill (the loader, LLVM, the validation layer)
    /// in one.</summary>
    private static List<long> HeapGrowthPerRound(int rounds, int cycles, Action cycle)
    {
        var growth = new List<long>();
        for (int r = 0; r < rounds; r++)
        {
            long before = InUse();
            for (int i = 0; i < cycles; i++)
            {
                cycle();
            }
            growth.Add(InUse() - before);
        }
        return growth;
    }

    private static string Describe(List<long> growth) => string.Join(", ", growth.Select(g => $"{g / 1024} KiB"));

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
        List<long> growth = HeapGrowthPerRound(5, 190, () =>
        {
            Cycle();
            Assert.Equal(objects, fx.Context.LiveObjects);
        });
        // Leaking one 2-camera 16x16 target set per cycle would be well over 1 MiB a round.
        Assert.True(growth.Min() < 256 << 10, $"native heap grew in every round of 190 renderer cycles: {Describe(growth)}");
        Assert.True(growth.Sum() < 8 << 20, $"native heap grew over 950 renderer cycles: {Describe(growth)}");
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
        int i = 0;
        List<long> growth = HeapGrowthPerRound(4, 5, () =>
        {
            using VulkanRenderer renderer = VulkanRenderer.Create(new RendererOptions(Validation: i++ % 2 == 0));
            Assert.False(string.IsNullOrEmpty(renderer.DeviceName));
            using CameraBatch batch = renderer.CreateBatch(new BatchDescription(1, 8, 8));
            batch.Wait(batch.Submit());
            Assert.Empty(renderer.Context.ValidationMessages);
        });
        Assert.Equal(contexts, VulkanContext.LiveContexts);
        // A leaked lavapipe device (its queue, pipelines and memory) is megabytes; one-off growth in the loader or
        // the validation layer shows in one round only.
        Assert.True(growth.Min() < 1 << 20, $"native heap grew in every round of 5 instance cycles: {Describe(growth)}");
        Assert.True(growth.Sum() < 16 << 20, $"native heap grew over 20 instance cycles: {Describe(growth)}");
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
