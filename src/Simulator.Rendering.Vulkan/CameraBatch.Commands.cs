using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace Simulator.Rendering.Vulkan;

public sealed unsafe partial class CameraBatch
{
    /// <summary>Layered render passes over contiguous env ranges (one per <see cref="RenderPasses"/>) drawing the
    /// builder's draw list, then the target: one image→buffer copy per output into the slot's read-back buffer, or a
    /// blit of camera 0 into swapchain image <paramref name="imageIndex"/> of <paramref name="present"/>. Only the
    /// passes that start below <paramref name="envCount"/> are recorded (layers clipped to it) and only envCount
    /// layers are copied.</summary>
    private void RecordCommands(FrameSlot slot, bool clearOnly, int envCount, SwapchainTarget? present, uint imageIndex, GpuBuffer? capture = null)
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
        int passCount = _builder.ActivePasses(envCount);
        uint layers = (uint)_builder.PassStarts[passCount];
        var colorRange = new ImageSubresourceRange { AspectMask = ImageAspectFlags.ColorBit, LevelCount = 1, LayerCount = layers };
        var depthRange = new ImageSubresourceRange { AspectMask = ImageAspectFlags.DepthBit, LevelCount = 1, LayerCount = layers };

        // Old contents are discarded (UNDEFINED); the source stage covers the previous frame's copies (WAR).
        ImageMemoryBarrier* toAttachment = stackalloc ImageMemoryBarrier[5];
        for (int i = 0; i < colorCount; i++)
        {
            toAttachment[i] = Barriers.Image(images[i], colorRange, AccessFlags.None, AccessFlags.ColorAttachmentWriteBit,
                ImageLayout.Undefined, ImageLayout.ColorAttachmentOptimal);
        }
        toAttachment[colorCount] = Barriers.Image(slot.ZBuffer.Handle, depthRange, AccessFlags.None,
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
        for (int pass = 0; pass < passCount; pass++)
        {
            int envBegin = _builder.PassStarts[pass];
            uint passLayers = (uint)_builder.PassLayers(pass, envCount);
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
                foreach (ref readonly DrawCommand d in _builder.Draws[_builder.PassDraws(pass)])
                {
                    GpuMesh mesh = d.StaticSet >= 0 ? _renderer.StaticSets[d.StaticSet].Mesh : _renderer.Meshes[d.Mesh];
                    if (!ReferenceEquals(bound, mesh))
                    {
                        bound = mesh;
                        Buffer vb = mesh.Vertices.Handle;
                        ulong offset = 0;
                        api.CmdBindVertexBuffers(cb, 0, 1, &vb, &offset);
                        api.CmdBindIndexBuffer(cb, mesh.Indices.Handle, 0, IndexType.Uint32);
                    }
                    api.CmdDrawIndexed(cb, d.IndexCount, d.InstanceCount, d.FirstIndex, 0, d.FirstInstance);
                }
                // Sky last: one full-screen triangle per camera, shaded only where the depth buffer is still clear.
                api.CmdBindPipeline(cb, PipelineBindPoint.Graphics, _pipelines.Sky);
                api.CmdDraw(cb, 3, passLayers, 0, (uint)envBegin);
            }
            api.CmdEndRendering(cb);
        }

        if (present != null)
        {
            present.RecordBlit(api, cb, slot.Color.Handle, Width, Height, imageIndex, capture);
        }
        else
        {
            slot.Readback!.RecordCopies(api, cb, images, colorCount, Width, Height, layers, (uint)envCount);
        }
        VkCheck.Check(api.EndCommandBuffer(cb));
    }
}
