using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace Simulator.Rendering.Vulkan;

public sealed unsafe partial class CameraBatch
{
    /// <summary>Layered render passes over contiguous env ranges (one per <see cref="RenderPasses"/>), then one
    /// image→buffer copy per output into the readback buffer. Only the passes that start below
    /// <paramref name="envCount"/> are recorded (layers clipped to it) and only envCount layers are copied.</summary>
    private void RecordCommands(FrameSlot slot, bool clearOnly, int envCount)
    {
        Vk api = _ctx.Api;
        CommandBuffer cb = slot.CommandBuffer;
        VkCheck.Check(api.ResetCommandBuffer(cb, 0));
        var begin = new CommandBufferBeginInfo { SType = StructureType.CommandBufferBeginInfo, Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        VkCheck.Check(api.BeginCommandBuffer(cb, &begin));

        int colorCount = _pipelines.ColorAttachmentCount;
        Span<Image> images = stackalloc Image[4];
        Span<ImageView> views = stackalloc ImageView[4];
        images[0] = slot.Color.Handle;
        views[0] = slot.Color.View;
        if (colorCount == 4)
        {
            images[1] = slot.Depth!.Handle;
            views[1] = slot.Depth.View;
            images[2] = slot.Segmentation!.Handle;
            views[2] = slot.Segmentation.View;
            images[3] = slot.InstanceIds!.Handle;
            views[3] = slot.InstanceIds.View;
        }
        // Layout transitions cover whole passes (each pass view spans its full layer range); draws and copies stop at envCount.
        int passCount = 0;
        while (passCount < RenderPasses && _passStarts[passCount] < envCount)
        {
            passCount++;
        }
        uint layers = (uint)_passStarts[passCount];
        var colorRange = new ImageSubresourceRange { AspectMask = ImageAspectFlags.ColorBit, LevelCount = 1, LayerCount = layers };
        var depthRange = new ImageSubresourceRange { AspectMask = ImageAspectFlags.DepthBit, LevelCount = 1, LayerCount = layers };

        // Old contents are discarded (UNDEFINED); the source stage covers the previous frame's copies (WAR).
        ImageMemoryBarrier* toAttachment = stackalloc ImageMemoryBarrier[5];
        for (int i = 0; i < colorCount; i++)
        {
            toAttachment[i] = ImageBarrier(images[i], colorRange, AccessFlags.None, AccessFlags.ColorAttachmentWriteBit,
                ImageLayout.Undefined, ImageLayout.ColorAttachmentOptimal);
        }
        toAttachment[colorCount] = ImageBarrier(slot.ZBuffer.Handle, depthRange, AccessFlags.None,
            AccessFlags.DepthStencilAttachmentReadBit | AccessFlags.DepthStencilAttachmentWriteBit,
            ImageLayout.Undefined, ImageLayout.DepthAttachmentOptimal);
        api.CmdPipelineBarrier(cb, PipelineStageFlags.TransferBit,
            PipelineStageFlags.ColorAttachmentOutputBit | PipelineStageFlags.EarlyFragmentTestsBit | PipelineStageFlags.LateFragmentTestsBit,
            0, 0, (MemoryBarrier*)null, 0, (BufferMemoryBarrier*)null, (uint)colorCount + 1, toAttachment);

        GpuImage?[] targets = [slot.Color, slot.Depth, slot.Segmentation, slot.InstanceIds];
        RenderingAttachmentInfo* attachments = stackalloc RenderingAttachmentInfo[4];
        for (int i = 0; i < colorCount; i++)
        {
            attachments[i] = new RenderingAttachmentInfo
            {
                SType = StructureType.RenderingAttachmentInfo,
                ImageLayout = ImageLayout.ColorAttachmentOptimal,
                LoadOp = AttachmentLoadOp.Clear,
                StoreOp = AttachmentStoreOp.Store,
            };
        }
        attachments[0].ClearValue.Color.Float32_3 = 1f;
        var depthAttachment = new RenderingAttachmentInfo
        {
            SType = StructureType.RenderingAttachmentInfo,
            ImageLayout = ImageLayout.DepthAttachmentOptimal,
            LoadOp = AttachmentLoadOp.Clear,
            StoreOp = AttachmentStoreOp.DontCare,
        };
        depthAttachment.ClearValue.DepthStencil.Depth = 1f;
        var area = new Rect2D { Extent = new Extent2D { Width = (uint)Width, Height = (uint)Height } };
        var viewport = new Viewport { Width = Width, Height = Height, MaxDepth = 1f };
        DescriptorSet set = slot.DescriptorSet;
        int firstDraw = 0;
        for (int pass = 0; pass < passCount; pass++)
        {
            int envBegin = _passStarts[pass];
            uint passLayers = (uint)(Math.Min(_passStarts[pass + 1], envCount) - envBegin);
            for (int i = 0; i < colorCount; i++)
            {
                attachments[i].ImageView = targets[i]!.PassView(pass);
            }
            depthAttachment.ImageView = slot.ZBuffer.PassView(pass);
            var rendering = new RenderingInfo
            {
                SType = StructureType.RenderingInfo,
                RenderArea = area,
                LayerCount = passLayers,
                ColorAttachmentCount = (uint)colorCount,
                PColorAttachments = attachments,
                PDepthAttachment = &depthAttachment,
            };
            api.CmdBeginRendering(cb, &rendering);
            if (!clearOnly)
            {
                api.CmdSetViewport(cb, 0, 1, &viewport);
                api.CmdSetScissor(cb, 0, 1, &area);
                api.CmdBindDescriptorSets(cb, PipelineBindPoint.Graphics, _renderer.PipelineLayout, 0, 1, &set, 0, (uint*)null);
                api.CmdBindPipeline(cb, PipelineBindPoint.Graphics, _pipelines.Scene);
                Buffer recordBuffer = slot.Records.Handle;
                ulong recordOffset = 0;
                api.CmdBindVertexBuffers(cb, 1, 1, &recordBuffer, &recordOffset);
                GpuMesh? bound = null;
                for (int i = firstDraw; i < _passDrawEnds[pass]; i++)
                {
                    ref DrawCommand d = ref _draws[i];
                    if (!ReferenceEquals(bound, d.Mesh))
                    {
                        bound = d.Mesh;
                        Buffer vb = d.Mesh.Vertices.Handle;
                        ulong offset = 0;
                        api.CmdBindVertexBuffers(cb, 0, 1, &vb, &offset);
                        api.CmdBindIndexBuffer(cb, d.Mesh.Indices.Handle, 0, IndexType.Uint32);
                    }
                    api.CmdDrawIndexed(cb, d.IndexCount, d.InstanceCount, d.FirstIndex, 0, d.FirstInstance);
                }
                firstDraw = _passDrawEnds[pass];
                // Sky last: one full-screen triangle per camera, shaded only where the depth buffer is still clear.
                api.CmdBindPipeline(cb, PipelineBindPoint.Graphics, _pipelines.Sky);
                api.CmdDraw(cb, 3, passLayers, 0, (uint)envBegin);
            }
            api.CmdEndRendering(cb);
        }

        RecordReadback(slot, images, colorCount, layers, (uint)envCount);
        VkCheck.Check(api.EndCommandBuffer(cb));
    }

    private void RecordReadback(FrameSlot slot, Span<Image> images, int colorCount, uint transitionLayers, uint layers)
    {
        Vk api = _ctx.Api;
        CommandBuffer cb = slot.CommandBuffer;
        var range = new ImageSubresourceRange { AspectMask = ImageAspectFlags.ColorBit, LevelCount = 1, LayerCount = transitionLayers };
        Span<long> offsets = [slot.ColorOffset, slot.DepthOffset, slot.SegmentationOffset, slot.InstanceOffset];
        ImageMemoryBarrier* toTransfer = stackalloc ImageMemoryBarrier[4];
        int copies = 0;
        for (int i = 0; i < colorCount; i++)
        {
            if (offsets[i] >= 0)
            {
                toTransfer[copies++] = ImageBarrier(images[i], range, AccessFlags.ColorAttachmentWriteBit, AccessFlags.TransferReadBit,
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
                ImageExtent = new Extent3D { Width = (uint)Width, Height = (uint)Height, Depth = 1 },
            };
            api.CmdCopyImageToBuffer(cb, images[i], ImageLayout.TransferSrcOptimal, slot.Readback.Handle, 1, &region);
        }
        var toHost = new BufferMemoryBarrier
        {
            SType = StructureType.BufferMemoryBarrier,
            SrcAccessMask = AccessFlags.TransferWriteBit,
            DstAccessMask = AccessFlags.HostReadBit,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            Buffer = slot.Readback.Handle,
            Size = Vk.WholeSize,
        };
        api.CmdPipelineBarrier(cb, PipelineStageFlags.TransferBit, PipelineStageFlags.HostBit, 0, 0, (MemoryBarrier*)null, 1, &toHost, 0, (ImageMemoryBarrier*)null);
    }

    private static ImageMemoryBarrier ImageBarrier(Image image, ImageSubresourceRange range, AccessFlags srcAccess, AccessFlags dstAccess,
        ImageLayout oldLayout, ImageLayout newLayout) => new()
    {
        SType = StructureType.ImageMemoryBarrier,
        SrcAccessMask = srcAccess,
        DstAccessMask = dstAccess,
        OldLayout = oldLayout,
        NewLayout = newLayout,
        SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
        DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
        Image = image,
        SubresourceRange = range,
    };
}
