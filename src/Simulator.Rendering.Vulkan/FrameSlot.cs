using Silk.NET.Vulkan;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// Everything one frame in flight owns: command buffer, fence, input buffers, layered render targets and the
/// persistently mapped readback buffer. A slot is reused only after its fence has signalled.
/// </summary>
internal sealed unsafe class FrameSlot : IDisposable
{
    private readonly VulkanContext _ctx;

    public FrameSlot(VulkanContext ctx, BatchDescription d, int[] passStarts, int recordCapacity, int boxesPerEnv, CommandBuffer commandBuffer, DescriptorSet descriptorSet)
    {
        _ctx = ctx;
        CommandBuffer = commandBuffer;
        DescriptorSet = descriptorSet;
        uint w = (uint)d.Width, h = (uint)d.Height, n = (uint)d.EnvCount;
        RenderOutputs outputs = d.ResolvedOutputs;
        try
        {
            var fenceInfo = new FenceCreateInfo { SType = StructureType.FenceCreateInfo };
            Fence fence;
            VkCheck.Check(ctx.Api.CreateFence(ctx.DeviceHandle, &fenceInfo, null, &fence));
            ctx.Track(1);
            Fence = fence;
            Envs = new GpuBuffer(ctx, (ulong)(n * sizeof(EnvGpu)), BufferUsageFlags.StorageBufferBit, GpuBuffer.Placement.Host);
            Records = new GpuBuffer(ctx, (ulong)(Math.Max(recordCapacity, 1) * sizeof(DrawRecordGpu)), BufferUsageFlags.VertexBufferBit, GpuBuffer.Placement.Host);
            const ImageUsageFlags ColorUsage = ImageUsageFlags.ColorAttachmentBit | ImageUsageFlags.TransferSrcBit;
            Color = new GpuImage(ctx, w, h, n, Format.R8G8B8A8Unorm, ColorUsage, ImageAspectFlags.ColorBit, passStarts);
            if (d.NeedsFullTargets)
            {
                Depth = new GpuImage(ctx, w, h, n, Format.R32Sfloat, ColorUsage, ImageAspectFlags.ColorBit, passStarts);
                Segmentation = new GpuImage(ctx, w, h, n, Format.R8Uint, ColorUsage, ImageAspectFlags.ColorBit, passStarts);
                InstanceIds = new GpuImage(ctx, w, h, n, Format.R32Uint, ColorUsage, ImageAspectFlags.ColorBit, passStarts);
            }
            ZBuffer = new GpuImage(ctx, w, h, n, PipelineSet.ZFormat, ImageUsageFlags.DepthStencilAttachmentBit, ImageAspectFlags.DepthBit, passStarts);
            // Readback layout: [colour N·H·W·4][depth N·H·W·4][class N·H·W][instance N·H·W·4], only enabled parts, 16-byte aligned.
            long pixels = (long)n * w * h;
            long offset = 0;
            ColorOffset = Take(ref offset, pixels * 4, true);
            DepthOffset = Take(ref offset, pixels * 4, (outputs & RenderOutputs.Depth) != 0);
            SegmentationOffset = Take(ref offset, pixels, (outputs & RenderOutputs.Segmentation) != 0);
            InstanceOffset = Take(ref offset, pixels * 4, (outputs & RenderOutputs.InstanceIds) != 0);
            Readback = new GpuBuffer(ctx, (ulong)offset, BufferUsageFlags.TransferDstBit, GpuBuffer.Placement.Host);
            BoxIds = new uint[d.EnvCount * boxesPerEnv];
            BoxClasses = new SemanticClass[d.EnvCount * boxesPerEnv];
            BoxCandidateCounts = new int[d.EnvCount];
            Boxes = new VisibleBox[d.EnvCount * boxesPerEnv];
            BoxCounts = new int[d.EnvCount];
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public CommandBuffer CommandBuffer { get; }
    public DescriptorSet DescriptorSet { get; }
    public Fence Fence { get; private set; }
    public GpuBuffer Envs { get; } = null!;
    public GpuBuffer Records { get; } = null!;
    public GpuImage Color { get; } = null!;
    public GpuImage? Depth { get; }
    public GpuImage? Segmentation { get; }
    public GpuImage? InstanceIds { get; }
    public GpuImage ZBuffer { get; } = null!;
    public GpuBuffer Readback { get; } = null!;

    /// <summary>Byte offsets of each output inside <see cref="Readback"/>; -1 when not produced.</summary>
    public long ColorOffset { get; }
    public long DepthOffset { get; }
    public long SegmentationOffset { get; }
    public long InstanceOffset { get; }

    /// <summary>Instances that may appear in the boxes of each env (captured at submit, as inputs may change).</summary>
    public uint[] BoxIds { get; } = [];
    public SemanticClass[] BoxClasses { get; } = [];
    public int[] BoxCandidateCounts { get; } = [];
    public VisibleBox[] Boxes { get; } = [];
    public int[] BoxCounts { get; } = [];

    public long Frame { get; set; } = -1;
    public bool Pending { get; set; }
    public bool BoxesReady { get; set; }

    private static long Take(ref long offset, long size, bool enabled)
    {
        if (!enabled)
        {
            return -1;
        }
        long at = offset;
        offset += (size + 15) & ~15L;
        return at;
    }

    public void Dispose()
    {
        Readback?.Dispose();
        ZBuffer?.Dispose();
        InstanceIds?.Dispose();
        Segmentation?.Dispose();
        Depth?.Dispose();
        Color?.Dispose();
        Records?.Dispose();
        Envs?.Dispose();
        if (Fence.Handle != 0)
        {
            _ctx.Api.DestroyFence(_ctx.DeviceHandle, Fence, null);
            _ctx.Track(-1);
            Fence = default;
        }
    }
}
