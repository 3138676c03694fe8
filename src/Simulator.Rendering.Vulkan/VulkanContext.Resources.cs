using Silk.NET.Vulkan;
using Simulator.Core;

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
    internal int FindMemoryType(uint typeBits, MemoryPropertyFlags required, MemoryPropertyFlags preferred)
    {
        PhysicalDeviceMemoryProperties props = MemoryProperties;
        int fallback = -1;
        for (int i = 0; i < props.MemoryTypeCount; i++)
        {
            MemoryPropertyFlags flags = props.MemoryTypes[i].PropertyFlags;
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

    internal DeviceMemory AllocateMemory(MemoryRequirements req, MemoryPropertyFlags required, MemoryPropertyFlags preferred)
    {
        int type = FindMemoryType(req.MemoryTypeBits, required, preferred);
        if (type < 0)
        {
            throw new SimRuntimeException($"The Vulkan device has no memory type with flags 0x{required:X} for this resource.");
        }
        var info = new MemoryAllocateInfo
        {
            SType = StructureType.MemoryAllocateInfo,
            AllocationSize = req.Size,
            MemoryTypeIndex = (uint)type,
        };
        DeviceMemory memory;
        VkCheck.Check(Api.AllocateMemory(_device, &info, null, &memory));
        Track(1);
        return memory;
    }

    internal void FreeMemory(DeviceMemory memory)
    {
        if (memory.Handle != 0)
        {
            Api.FreeMemory(_device, memory, null);
            Track(-1);
        }
    }

    /// <summary>A buffer holding <paramref name="data"/> for the GPU to read: mapped directly when device memory is
    /// host-visible (lavapipe, integrated GPUs, resizable BAR), otherwise filled through a staging copy.</summary>
    internal GpuBuffer UploadBuffer(ReadOnlySpan<byte> data, BufferUsageFlags usage)
    {
        ulong size = (ulong)Math.Max(data.Length, 4);
        const MemoryPropertyFlags Direct = MemoryPropertyFlags.DeviceLocalBit | MemoryPropertyFlags.HostVisibleBit
            | MemoryPropertyFlags.HostCoherentBit;
        if (FindMemoryType(~0u, Direct, Direct) >= 0)
        {
            var direct = new GpuBuffer(this, size, usage, GpuBuffer.Placement.DeviceMapped);
            data.CopyTo(direct.Mapped);
            return direct;
        }
        using var staging = new GpuBuffer(this, size, BufferUsageFlags.TransferSrcBit, GpuBuffer.Placement.Host);
        data.CopyTo(staging.Mapped);
        var target = new GpuBuffer(this, size, usage | BufferUsageFlags.TransferDstBit, GpuBuffer.Placement.Device);
        RunOnce(cb =>
        {
            var region = new BufferCopy { Size = size };
            Api.CmdCopyBuffer(cb, staging.Handle, target.Handle, 1, &region);
        });
        return target;
    }

    /// <summary>Records, submits and waits for a one-off command buffer (uploads only, never per frame).</summary>
    internal void RunOnce(Action<CommandBuffer> record)
    {
        var poolInfo = new CommandPoolCreateInfo { SType = StructureType.CommandPoolCreateInfo, QueueFamilyIndex = QueueFamily };
        CommandPool pool;
        VkCheck.Check(Api.CreateCommandPool(_device, &poolInfo, null, &pool));
        Fence fence = default;
        try
        {
            var alloc = new CommandBufferAllocateInfo
            {
                SType = StructureType.CommandBufferAllocateInfo,
                CommandPool = pool,
                Level = CommandBufferLevel.Primary,
                CommandBufferCount = 1,
            };
            CommandBuffer cb;
            VkCheck.Check(Api.AllocateCommandBuffers(_device, &alloc, &cb));
            var begin = new CommandBufferBeginInfo { SType = StructureType.CommandBufferBeginInfo, Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
            VkCheck.Check(Api.BeginCommandBuffer(cb, &begin));
            record(cb);
            VkCheck.Check(Api.EndCommandBuffer(cb));
            var fenceInfo = new FenceCreateInfo { SType = StructureType.FenceCreateInfo };
            VkCheck.Check(Api.CreateFence(_device, &fenceInfo, null, &fence));
            var submit = new SubmitInfo { SType = StructureType.SubmitInfo, CommandBufferCount = 1, PCommandBuffers = &cb };
            VkCheck.Check(Api.QueueSubmit(Queue, 1, &submit, fence));
            VkCheck.Check(Api.WaitForFences(_device, 1, &fence, true, ulong.MaxValue));
        }
        finally
        {
            if (fence.Handle != 0)
            {
                Api.DestroyFence(_device, fence, null);
            }
            Api.DestroyCommandPool(_device, pool, null);
        }
    }
}
