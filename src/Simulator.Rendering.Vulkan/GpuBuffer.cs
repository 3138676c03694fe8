using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

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
    private DeviceMemory _memory;
    private byte* _mapped;

    public GpuBuffer(VulkanContext ctx, ulong size, BufferUsageFlags usage, Placement placement)
    {
        _ctx = ctx;
        Size = size;
        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = size,
            Usage = usage,
            SharingMode = SharingMode.Exclusive,
        };
        Buffer buffer;
        VkCheck.Check(ctx.Api.CreateBuffer(ctx.DeviceHandle, &info, null, &buffer));
        Handle = buffer;
        ctx.Track(1);
        try
        {
            MemoryRequirements req;
            ctx.Api.GetBufferMemoryRequirements(ctx.DeviceHandle, buffer, &req);
            const MemoryPropertyFlags HostCoherent = MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit;
            (MemoryPropertyFlags required, MemoryPropertyFlags preferred) = placement switch
            {
                Placement.Host => (HostCoherent, HostCoherent | MemoryPropertyFlags.HostCachedBit),
                Placement.DeviceMapped => (HostCoherent | MemoryPropertyFlags.DeviceLocalBit, HostCoherent | MemoryPropertyFlags.DeviceLocalBit),
                _ => (MemoryPropertyFlags.None, MemoryPropertyFlags.DeviceLocalBit),
            };
            _memory = ctx.AllocateMemory(req, required, preferred);
            VkCheck.Check(ctx.Api.BindBufferMemory(ctx.DeviceHandle, buffer, _memory, 0));
            if (placement != Placement.Device)
            {
                void* p;
                VkCheck.Check(ctx.Api.MapMemory(ctx.DeviceHandle, _memory, 0, Vk.WholeSize, 0, &p));
                _mapped = (byte*)p;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public Buffer Handle { get; private set; }

    public ulong Size { get; }

    /// <summary>Start of the persistently mapped memory (null for device-only buffers).</summary>
    public byte* Pointer => _mapped;

    public Span<byte> Mapped => new(_mapped, checked((int)Size));

    public void Dispose()
    {
        if (Handle.Handle != 0)
        {
            _ctx.Api.DestroyBuffer(_ctx.DeviceHandle, Handle, null);
            _ctx.Track(-1);
            Handle = default;
        }
        // Freeing memory unmaps it implicitly.
        _ctx.FreeMemory(_memory);
        _memory = default;
        _mapped = null;
    }
}
