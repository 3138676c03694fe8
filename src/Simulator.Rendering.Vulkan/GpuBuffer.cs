using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan;

/// <summary>A VkBuffer with its own memory; host-visible buffers stay persistently mapped.</summary>
internal sealed unsafe class GpuBuffer : IDisposable
{
    public enum Placement
    {
        /// <summary>Device-local, not mapped (filled by transfers).</summary>
        Device,
        /// <summary>Host-visible and coherent, cached when possible (readback, per-frame inputs).</summary>
        Host,
        /// <summary>Device-local and host-visible (unified memory): written directly once.</summary>
        DeviceMapped,
    }

    private readonly VulkanContext _ctx;
    private ulong _memory;
    private byte* _mapped;

    public GpuBuffer(VulkanContext ctx, ulong size, uint usage, Placement placement)
    {
        _ctx = ctx;
        Size = size;
        var info = new VkBufferCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
            size = size,
            usage = usage,
            sharingMode = VkConst.VK_SHARING_MODE_EXCLUSIVE,
        };
        ulong buffer;
        VkCheck.Check(ctx.Api.vkCreateBuffer(ctx.DeviceHandle, &info, null, &buffer));
        Handle = buffer;
        ctx.Track(1);
        try
        {
            VkMemoryRequirements req;
            ctx.Api.vkGetBufferMemoryRequirements(ctx.DeviceHandle, buffer, &req);
            const uint HostCoherent = VkConst.VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VkConst.VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
            (uint required, uint preferred) = placement switch
            {
                Placement.Host => (HostCoherent, HostCoherent | VkConst.VK_MEMORY_PROPERTY_HOST_CACHED_BIT),
                Placement.DeviceMapped => (HostCoherent | VkConst.VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, HostCoherent | VkConst.VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT),
                _ => (0u, VkConst.VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT),
            };
            _memory = ctx.AllocateMemory(req, required, preferred);
            VkCheck.Check(ctx.Api.vkBindBufferMemory(ctx.DeviceHandle, buffer, _memory, 0));
            if (placement != Placement.Device)
            {
                void* p;
                VkCheck.Check(ctx.Api.vkMapMemory(ctx.DeviceHandle, _memory, 0, VkConst.VK_WHOLE_SIZE, 0, &p));
                _mapped = (byte*)p;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public ulong Handle { get; private set; }

    public ulong Size { get; }

    /// <summary>Start of the persistently mapped memory (null for device-only buffers).</summary>
    public byte* Pointer => _mapped;

    public Span<byte> Mapped => new(_mapped, checked((int)Size));

    public void Dispose()
    {
        if (Handle != 0)
        {
            _ctx.Api.vkDestroyBuffer(_ctx.DeviceHandle, Handle, null);
            _ctx.Track(-1);
            Handle = 0;
        }
        // Freeing memory unmaps it implicitly.
        _ctx.FreeMemory(_memory);
        _memory = 0;
        _mapped = null;
    }
}
