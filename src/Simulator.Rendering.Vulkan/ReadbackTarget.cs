using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// The render target of camera sensors: after the passes, one image→buffer copy per output moves every layer into
/// one persistently mapped, host-cached buffer laid out [colour N·H·W·4][depth N·H·W·4][class N·H·W][instance
/// N·H·W·4] (enabled parts only, 16-byte aligned), which <see cref="FrameView"/> reads without copying. It also holds
/// the frame's 2D-box candidates and results. One per frame in flight.
/// </summary>
internal sealed unsafe class ReadbackTarget : IDisposable
{
    public ReadbackTarget(VulkanContext ctx, BatchDescription d, int boxesPerEnv)
    {
        RenderOutputs outputs = d.ResolvedOutputs;
        long pixels = (long)d.EnvCount * d.Width * d.Height;
        long offset = 0;
        ColorOffset = Take(ref offset, pixels * 4, true);
        DepthOffset = Take(ref offset, pixels * 4, (outputs & RenderOutputs.Depth) != 0);
        SegmentationOffset = Take(ref offset, pixels, (outputs & RenderOutputs.Segmentation) != 0);
        InstanceOffset = Take(ref offset, pixels * 4, (outputs & RenderOutputs.InstanceIds) != 0);
        Buffer = new GpuBuffer(ctx, (ulong)offset, BufferUsageFlags.TransferDstBit, GpuBuffer.Placement.Host);
        BoxIds = new uint[d.EnvCount * boxesPerEnv];
        BoxClasses = new SemanticClass[d.EnvCount * boxesPerEnv];
        BoxCandidateCounts = new int[d.EnvCount];
        Boxes = new VisibleBox[d.EnvCount * boxesPerEnv];
        BoxCounts = new int[d.EnvCount];
    }

    public GpuBuffer Buffer { get; }

    /// <summary>Byte offsets of each output inside <see cref="Buffer"/>; -1 when not produced.</summary>
    public long ColorOffset { get; }
    public long DepthOffset { get; }
    public long SegmentationOffset { get; }
    public long InstanceOffset { get; }

    /// <summary>Instances that may appear in the boxes of each env (captured at submit, as inputs may change).</summary>
    public uint[] BoxIds { get; }
    public SemanticClass[] BoxClasses { get; }
    public int[] BoxCandidateCounts { get; }
    public VisibleBox[] Boxes { get; }
    public int[] BoxCounts { get; }
    public bool BoxesReady { get; set; }

    /// <summary>
    /// Records the copies of layers [0, <paramref name="layers"/>) of each produced output (the colour attachments
    /// in <paramref name="images"/>, in ColorAttachmentOptimal) into the buffer, and makes them visible to the host.
    /// <paramref name="transitionLayers"/> (≥ layers) is the layer range the passes rendered, moved to TransferSrc.
    /// </summary>
    public void RecordCopies(Vk api, CommandBuffer cb, ReadOnlySpan<Image> images, int colorCount, int width, int height, uint transitionLayers, uint layers)
    {
        var range = new ImageSubresourceRange { AspectMask = ImageAspectFlags.ColorBit, LevelCount = 1, LayerCount = transitionLayers };
        Span<long> offsets = [ColorOffset, DepthOffset, SegmentationOffset, InstanceOffset];
        ImageMemoryBarrier* toTransfer = stackalloc ImageMemoryBarrier[4];
        int copies = 0;
        for (int i = 0; i < colorCount; i++)
        {
            if (offsets[i] >= 0)
            {
                toTransfer[copies++] = Barriers.Image(images[i], range, AccessFlags.ColorAttachmentWriteBit, AccessFlags.TransferReadBit,
                    ImageLayout.ColorAttachmentOptimal, ImageLayout.TransferSrcOptimal);
            }
        }
        api.CmdPipelineBarrier(cb, PipelineStageFlags.ColorAttachmentOutputBit, PipelineStageFlags.TransferBit,
            0, 0, (MemoryBarrier*)null, 0, (BufferMemoryBarrier*)null, (uint)copies, toTransfer);
        for (int i = 0; i < colorCount; i++)
        {
            if (offsets[i] < 0)
            {
                continue;
            }
            // All layers in one region: layer i lands at offset + i·H·W·texel, i.e. one contiguous N×H×W block.
            var region = new BufferImageCopy
            {
                BufferOffset = (ulong)offsets[i],
                ImageSubresource = new ImageSubresourceLayers { AspectMask = ImageAspectFlags.ColorBit, LayerCount = layers },
                ImageExtent = new Extent3D { Width = (uint)width, Height = (uint)height, Depth = 1 },
            };
            api.CmdCopyImageToBuffer(cb, images[i], ImageLayout.TransferSrcOptimal, Buffer.Handle, 1, &region);
        }
        var toHost = Barriers.HostRead(Buffer.Handle);
        api.CmdPipelineBarrier(cb, PipelineStageFlags.TransferBit, PipelineStageFlags.HostBit, 0, 0, (MemoryBarrier*)null, 1, &toHost, 0, (ImageMemoryBarrier*)null);
    }

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

    public void Dispose() => Buffer.Dispose();
}
