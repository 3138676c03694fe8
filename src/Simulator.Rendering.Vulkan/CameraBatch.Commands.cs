using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan;

public sealed unsafe partial class CameraBatch
{
    /// <summary>Layered render passes over contiguous env ranges (one per <see cref="RenderPasses"/>), then one
    /// image→buffer copy per output into the readback buffer. Only the passes that start below
    /// <paramref name="envCount"/> are recorded (layers clipped to it) and only envCount layers are copied.</summary>
    private void RecordCommands(FrameSlot slot, bool clearOnly, int envCount)
    {
        VkDeviceApi api = _ctx.Api;
        nint cb = slot.CommandBuffer;
        VkCheck.Check(api.vkResetCommandBuffer(cb, 0));
        var begin = new VkCommandBufferBeginInfo { sType = VkConst.VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO, flags = VkConst.VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT };
        VkCheck.Check(api.vkBeginCommandBuffer(cb, &begin));

        int colorCount = _pipelines.ColorAttachmentCount;
        Span<ulong> images = stackalloc ulong[4];
        Span<ulong> views = stackalloc ulong[4];
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
        var colorRange = new VkImageSubresourceRange { aspectMask = VkConst.VK_IMAGE_ASPECT_COLOR_BIT, levelCount = 1, layerCount = layers };
        var depthRange = new VkImageSubresourceRange { aspectMask = VkConst.VK_IMAGE_ASPECT_DEPTH_BIT, levelCount = 1, layerCount = layers };

        // Old contents are discarded (UNDEFINED); the source stage covers the previous frame's copies (WAR).
        VkImageMemoryBarrier* toAttachment = stackalloc VkImageMemoryBarrier[5];
        for (int i = 0; i < colorCount; i++)
        {
            toAttachment[i] = ImageBarrier(images[i], colorRange, 0, VkConst.VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
                VkConst.VK_IMAGE_LAYOUT_UNDEFINED, VkConst.VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
        }
        toAttachment[colorCount] = ImageBarrier(slot.ZBuffer.Handle, depthRange, 0,
            VkConst.VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VkConst.VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
            VkConst.VK_IMAGE_LAYOUT_UNDEFINED, VkConst.VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL);
        api.vkCmdPipelineBarrier(cb, VkConst.VK_PIPELINE_STAGE_TRANSFER_BIT,
            VkConst.VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VkConst.VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VkConst.VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT,
            0, 0, null, 0, null, (uint)colorCount + 1, toAttachment);

        GpuImage?[] targets = [slot.Color, slot.Depth, slot.Segmentation, slot.InstanceIds];
        VkRenderingAttachmentInfo* attachments = stackalloc VkRenderingAttachmentInfo[4];
        for (int i = 0; i < colorCount; i++)
        {
            attachments[i] = new VkRenderingAttachmentInfo
            {
                sType = VkConst.VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO,
                imageLayout = VkConst.VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                loadOp = VkConst.VK_ATTACHMENT_LOAD_OP_CLEAR,
                storeOp = VkConst.VK_ATTACHMENT_STORE_OP_STORE,
            };
        }
        attachments[0].clearValue.float32[3] = 1f;
        var depthAttachment = new VkRenderingAttachmentInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO,
            imageLayout = VkConst.VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
            loadOp = VkConst.VK_ATTACHMENT_LOAD_OP_CLEAR,
            storeOp = VkConst.VK_ATTACHMENT_STORE_OP_DONT_CARE,
        };
        depthAttachment.clearValue.depth = 1f;
        var area = new VkRect2D { extent = new VkExtent2D { width = (uint)Width, height = (uint)Height } };
        var viewport = new VkViewport { width = Width, height = Height, maxDepth = 1f };
        ulong set = slot.DescriptorSet;
        int firstDraw = 0;
        for (int pass = 0; pass < passCount; pass++)
        {
            int envBegin = _passStarts[pass];
            uint passLayers = (uint)(Math.Min(_passStarts[pass + 1], envCount) - envBegin);
            for (int i = 0; i < colorCount; i++)
            {
                attachments[i].imageView = targets[i]!.PassView(pass);
            }
            depthAttachment.imageView = slot.ZBuffer.PassView(pass);
            var rendering = new VkRenderingInfo
            {
                sType = VkConst.VK_STRUCTURE_TYPE_RENDERING_INFO,
                renderArea = area,
                layerCount = passLayers,
                colorAttachmentCount = (uint)colorCount,
                pColorAttachments = attachments,
                pDepthAttachment = &depthAttachment,
            };
            api.vkCmdBeginRendering(cb, &rendering);
            if (!clearOnly)
            {
                api.vkCmdSetViewport(cb, 0, 1, &viewport);
                api.vkCmdSetScissor(cb, 0, 1, &area);
                api.vkCmdBindDescriptorSets(cb, VkConst.VK_PIPELINE_BIND_POINT_GRAPHICS, _renderer.PipelineLayout, 0, 1, &set, 0, null);
                api.vkCmdBindPipeline(cb, VkConst.VK_PIPELINE_BIND_POINT_GRAPHICS, _pipelines.Scene);
                ulong recordBuffer = slot.Records.Handle;
                ulong recordOffset = 0;
                api.vkCmdBindVertexBuffers(cb, 1, 1, &recordBuffer, &recordOffset);
                GpuMesh? bound = null;
                for (int i = firstDraw; i < _passDrawEnds[pass]; i++)
                {
                    ref DrawCommand d = ref _draws[i];
                    if (!ReferenceEquals(bound, d.Mesh))
                    {
                        bound = d.Mesh;
                        ulong vb = d.Mesh.Vertices.Handle;
                        ulong offset = 0;
                        api.vkCmdBindVertexBuffers(cb, 0, 1, &vb, &offset);
                        api.vkCmdBindIndexBuffer(cb, d.Mesh.Indices.Handle, 0, VkConst.VK_INDEX_TYPE_UINT32);
                    }
                    api.vkCmdDrawIndexed(cb, d.IndexCount, d.InstanceCount, d.FirstIndex, 0, d.FirstInstance);
                }
                firstDraw = _passDrawEnds[pass];
                // Sky last: one full-screen triangle per camera, shaded only where the depth buffer is still clear.
                api.vkCmdBindPipeline(cb, VkConst.VK_PIPELINE_BIND_POINT_GRAPHICS, _pipelines.Sky);
                api.vkCmdDraw(cb, 3, passLayers, 0, (uint)envBegin);
            }
            api.vkCmdEndRendering(cb);
        }

        RecordReadback(slot, images, colorCount, layers, (uint)envCount);
        VkCheck.Check(api.vkEndCommandBuffer(cb));
    }

    private void RecordReadback(FrameSlot slot, Span<ulong> images, int colorCount, uint transitionLayers, uint layers)
    {
        VkDeviceApi api = _ctx.Api;
        nint cb = slot.CommandBuffer;
        var range = new VkImageSubresourceRange { aspectMask = VkConst.VK_IMAGE_ASPECT_COLOR_BIT, levelCount = 1, layerCount = transitionLayers };
        Span<long> offsets = [slot.ColorOffset, slot.DepthOffset, slot.SegmentationOffset, slot.InstanceOffset];
        VkImageMemoryBarrier* toTransfer = stackalloc VkImageMemoryBarrier[4];
        int copies = 0;
        for (int i = 0; i < colorCount; i++)
        {
            if (offsets[i] >= 0)
            {
                toTransfer[copies++] = ImageBarrier(images[i], range, VkConst.VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, VkConst.VK_ACCESS_TRANSFER_READ_BIT,
                    VkConst.VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VkConst.VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
            }
        }
        api.vkCmdPipelineBarrier(cb, VkConst.VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VkConst.VK_PIPELINE_STAGE_TRANSFER_BIT,
            0, 0, null, 0, null, (uint)copies, toTransfer);
        for (int i = 0; i < colorCount; i++)
        {
            if (offsets[i] < 0)
            {
                continue;
            }
            // All layers in one region: layer i lands at offset + i·H·W·texel, i.e. one contiguous N×H×W block.
            var region = new VkBufferImageCopy
            {
                bufferOffset = (ulong)offsets[i],
                imageSubresource = new VkImageSubresourceLayers { aspectMask = VkConst.VK_IMAGE_ASPECT_COLOR_BIT, layerCount = layers },
                imageExtent = new VkExtent3D { width = (uint)Width, height = (uint)Height, depth = 1 },
            };
            api.vkCmdCopyImageToBuffer(cb, images[i], VkConst.VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, slot.Readback.Handle, 1, &region);
        }
        var toHost = new VkBufferMemoryBarrier
        {
            sType = VkConst.VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER,
            srcAccessMask = VkConst.VK_ACCESS_TRANSFER_WRITE_BIT,
            dstAccessMask = VkConst.VK_ACCESS_HOST_READ_BIT,
            srcQueueFamilyIndex = VkConst.VK_QUEUE_FAMILY_IGNORED,
            dstQueueFamilyIndex = VkConst.VK_QUEUE_FAMILY_IGNORED,
            buffer = slot.Readback.Handle,
            size = VkConst.VK_WHOLE_SIZE,
        };
        api.vkCmdPipelineBarrier(cb, VkConst.VK_PIPELINE_STAGE_TRANSFER_BIT, VkConst.VK_PIPELINE_STAGE_HOST_BIT, 0, 0, null, 1, &toHost, 0, null);
    }

    private static VkImageMemoryBarrier ImageBarrier(ulong image, VkImageSubresourceRange range, uint srcAccess, uint dstAccess, uint oldLayout, uint newLayout) => new()
    {
        sType = VkConst.VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER,
        srcAccessMask = srcAccess,
        dstAccessMask = dstAccess,
        oldLayout = oldLayout,
        newLayout = newLayout,
        srcQueueFamilyIndex = VkConst.VK_QUEUE_FAMILY_IGNORED,
        dstQueueFamilyIndex = VkConst.VK_QUEUE_FAMILY_IGNORED,
        image = image,
        subresourceRange = range,
    };
}
