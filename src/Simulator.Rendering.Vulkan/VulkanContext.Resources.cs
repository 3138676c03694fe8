using Simulator.Core;
using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan;

public sealed unsafe partial class VulkanContext
{
    private long _liveObjects;

    /// <summary>Vulkan objects (buffers, images, views, memory, pipelines, pools, fences...) created through this
    /// context and not yet destroyed. Leak tests check it returns to its baseline.</summary>
    public long LiveObjects => Interlocked.Read(ref _liveObjects);

    internal void Track(int delta) => Interlocked.Add(ref _liveObjects, delta);

    /// <summary>Index of a memory type allowed by <paramref name="typeBits"/> with all <paramref name="required"/>
    /// flags, preferring one that also has <paramref name="preferred"/>; -1 when none.</summary>
    internal int FindMemoryType(uint typeBits, uint required, uint preferred)
    {
        VkPhysicalDeviceMemoryProperties props = MemoryProperties;
        int fallback = -1;
        for (int i = 0; i < props.memoryTypeCount; i++)
        {
            uint flags = props.memoryTypes[i * 2];
            if ((typeBits & (1u << i)) == 0 || (flags & required) != required)
            {
                continue;
            }
            if ((flags & preferred) == preferred)
            {
                return i;
            }
            if (fallback < 0)
            {
                fallback = i;
            }
        }
        return fallback;
    }

    internal ulong AllocateMemory(VkMemoryRequirements req, uint required, uint preferred)
    {
        int type = FindMemoryType(req.memoryTypeBits, required, preferred);
        if (type < 0)
        {
            throw new SimRuntimeException($"The Vulkan device has no memory type with flags 0x{required:X} for this resource.");
        }
        var info = new VkMemoryAllocateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
            allocationSize = req.size,
            memoryTypeIndex = (uint)type,
        };
        ulong memory;
        VkCheck.Check(Api.vkAllocateMemory(_device, &info, null, &memory));
        Track(1);
        return memory;
    }

    internal void FreeMemory(ulong memory)
    {
        if (memory != 0)
        {
            Api.vkFreeMemory(_device, memory, null);
            Track(-1);
        }
    }

    /// <summary>A buffer holding <paramref name="data"/> for the GPU to read: mapped directly when device memory is
    /// host-visible (lavapipe, integrated GPUs, resizable BAR), otherwise filled through a staging copy.</summary>
    internal GpuBuffer UploadBuffer(ReadOnlySpan<byte> data, uint usage)
    {
        ulong size = (ulong)Math.Max(data.Length, 4);
        const uint Direct = VkConst.VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | VkConst.VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT
            | VkConst.VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
        if (FindMemoryType(~0u, Direct, Direct) >= 0)
        {
            var direct = new GpuBuffer(this, size, usage, GpuBuffer.Placement.DeviceMapped);
            data.CopyTo(direct.Mapped);
            return direct;
        }
        using var staging = new GpuBuffer(this, size, VkConst.VK_BUFFER_USAGE_TRANSFER_SRC_BIT, GpuBuffer.Placement.Host);
        data.CopyTo(staging.Mapped);
        var target = new GpuBuffer(this, size, usage | VkConst.VK_BUFFER_USAGE_TRANSFER_DST_BIT, GpuBuffer.Placement.Device);
        RunOnce(cb =>
        {
            var region = new VkBufferCopy { size = size };
            Api.vkCmdCopyBuffer(cb, staging.Handle, target.Handle, 1, &region);
        });
        return target;
    }

    /// <summary>Records, submits and waits for a one-off command buffer (uploads only, never per frame).</summary>
    internal void RunOnce(Action<nint> record)
    {
        var poolInfo = new VkCommandPoolCreateInfo { sType = VkConst.VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO, queueFamilyIndex = QueueFamily };
        ulong pool;
        VkCheck.Check(Api.vkCreateCommandPool(_device, &poolInfo, null, &pool));
        ulong fence = 0;
        try
        {
            var alloc = new VkCommandBufferAllocateInfo
            {
                sType = VkConst.VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
                commandPool = pool,
                level = VkConst.VK_COMMAND_BUFFER_LEVEL_PRIMARY,
                commandBufferCount = 1,
            };
            nint cb;
            VkCheck.Check(Api.vkAllocateCommandBuffers(_device, &alloc, &cb));
            var begin = new VkCommandBufferBeginInfo { sType = VkConst.VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO, flags = VkConst.VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT };
            VkCheck.Check(Api.vkBeginCommandBuffer(cb, &begin));
            record(cb);
            VkCheck.Check(Api.vkEndCommandBuffer(cb));
            var fenceInfo = new VkFenceCreateInfo { sType = VkConst.VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };
            VkCheck.Check(Api.vkCreateFence(_device, &fenceInfo, null, &fence));
            var submit = new VkSubmitInfo { sType = VkConst.VK_STRUCTURE_TYPE_SUBMIT_INFO, commandBufferCount = 1, pCommandBuffers = &cb };
            VkCheck.Check(Api.vkQueueSubmit(Queue, 1, &submit, fence));
            VkCheck.Check(Api.vkWaitForFences(_device, 1, &fence, 1, ulong.MaxValue));
        }
        finally
        {
            if (fence != 0)
            {
                Api.vkDestroyFence(_device, fence, null);
            }
            Api.vkDestroyCommandPool(_device, pool, null);
        }
    }
}
