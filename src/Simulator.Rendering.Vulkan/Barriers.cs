using Silk.NET.Vulkan;

namespace Simulator.Rendering.Vulkan;

/// <summary>Pipeline-barrier structs used by the batch, its targets and the presenter.</summary>
internal static class Barriers
{
    public static ImageMemoryBarrier Image(Silk.NET.Vulkan.Image image, ImageSubresourceRange range, AccessFlags srcAccess, AccessFlags dstAccess,
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

    /// <summary>Transfer writes into <paramref name="buffer"/> made visible to host reads (a read-back).</summary>
    public static BufferMemoryBarrier HostRead(Silk.NET.Vulkan.Buffer buffer) => new()
    {
        SType = StructureType.BufferMemoryBarrier,
        SrcAccessMask = AccessFlags.TransferWriteBit,
        DstAccessMask = AccessFlags.HostReadBit,
        SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
        DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
        Buffer = buffer,
        Size = Vk.WholeSize,
    };

    public static ImageSubresourceRange Color(uint layers) =>
        new() { AspectMask = ImageAspectFlags.ColorBit, LevelCount = 1, LayerCount = layers };
}
