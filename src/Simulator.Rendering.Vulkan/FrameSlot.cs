using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// Everything one frame in flight owns: command buffer, fence, input buffers (per-camera constants and draw records),
/// the layered attachments the passes render into, and where the frame goes: a <see cref="ReadbackTarget"/> (camera
/// sensors) or, for a presenting batch, the semaphore its swapchain image is acquired with. A slot is reused only
/// after its fence has signalled.
/// </summary>
internal sealed unsafe class FrameSlot : IDisposable
{
    private readonly VulkanContext _ctx;

    public FrameSlot(VulkanContext ctx, BatchDescription d, int[] passStarts, int recordCapacity, int boxesPerEnv, CommandBuffer commandBuffer, DescriptorSet descriptorSet,
        bool presenting)
    {
        _ctx = ctx;
        CommandBuffer = commandBuffer;
        DescriptorSet = descriptorSet;
        uint w = (uint)d.Width, h = (uint)d.Height, n = (uint)d.EnvCount;
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
            if (presenting)
            {
                var semInfo = new SemaphoreCreateInfo { SType = StructureType.SemaphoreCreateInfo };
                Semaphore available;
                VkCheck.Check(ctx.Api.CreateSemaphore(ctx.DeviceHandle, &semInfo, null, &available));
                ctx.Track(1);
                ImageAvailable = available;
            }
            else
            {
                Readback = new ReadbackTarget(ctx, d, boxesPerEnv);
            }
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

    /// <summary>Where a sensor frame is read back; null for a presenting batch.</summary>
    public ReadbackTarget? Readback { get; }

    /// <summary>Signalled when the swapchain image of a presenting frame is acquired; default otherwise.</summary>
    public Semaphore ImageAvailable { get; private set; }

    public long Frame { get; set; } = -1;
    public bool Pending { get; set; }

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
        if (ImageAvailable.Handle != 0)
        {
            _ctx.Api.DestroySemaphore(_ctx.DeviceHandle, ImageAvailable, null);
            _ctx.Track(-1);
            ImageAvailable = default;
        }
    }
}
