namespace Simulator.Rendering.Vulkan.Interop;

// Native layouts declare every field, including those only the driver writes or that stay zero.
#pragma warning disable CS0649

// Command, synchronisation and resource structures (exact C layouts).

internal unsafe struct VkCommandPoolCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint queueFamilyIndex;
}

internal unsafe struct VkCommandBufferAllocateInfo
{
    public uint sType;
    public void* pNext;
    public ulong commandPool;
    public uint level;
    public uint commandBufferCount;
}

internal unsafe struct VkCommandBufferBeginInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public void* pInheritanceInfo;
}

internal unsafe struct VkSubmitInfo
{
    public uint sType;
    public void* pNext;
    public uint waitSemaphoreCount;
    public ulong* pWaitSemaphores;
    public uint* pWaitDstStageMask;
    public uint commandBufferCount;
    public nint* pCommandBuffers;
    public uint signalSemaphoreCount;
    public ulong* pSignalSemaphores;
}

internal unsafe struct VkFenceCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
}

internal unsafe struct VkBufferCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public ulong size;
    public uint usage;
    public uint sharingMode;
    public uint queueFamilyIndexCount;
    public uint* pQueueFamilyIndices;
}

internal struct VkMemoryRequirements
{
    public ulong size;
    public ulong alignment;
    public uint memoryTypeBits;
}

internal unsafe struct VkMemoryAllocateInfo
{
    public uint sType;
    public void* pNext;
    public ulong allocationSize;
    public uint memoryTypeIndex;
}

internal unsafe struct VkImageCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint imageType;
    public uint format;
    public VkExtent3D extent;
    public uint mipLevels;
    public uint arrayLayers;
    public uint samples;
    public uint tiling;
    public uint usage;
    public uint sharingMode;
    public uint queueFamilyIndexCount;
    public uint* pQueueFamilyIndices;
    public uint initialLayout;
}

internal struct VkComponentMapping
{
    public uint r;
    public uint g;
    public uint b;
    public uint a;
}

internal struct VkImageSubresourceRange
{
    public uint aspectMask;
    public uint baseMipLevel;
    public uint levelCount;
    public uint baseArrayLayer;
    public uint layerCount;
}

internal struct VkImageSubresourceLayers
{
    public uint aspectMask;
    public uint mipLevel;
    public uint baseArrayLayer;
    public uint layerCount;
}

internal unsafe struct VkImageViewCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public ulong image;
    public uint viewType;
    public uint format;
    public VkComponentMapping components;
    public VkImageSubresourceRange subresourceRange;
}

internal unsafe struct VkMemoryBarrier
{
    public uint sType;
    public void* pNext;
    public uint srcAccessMask;
    public uint dstAccessMask;
}

internal unsafe struct VkBufferMemoryBarrier
{
    public uint sType;
    public void* pNext;
    public uint srcAccessMask;
    public uint dstAccessMask;
    public uint srcQueueFamilyIndex;
    public uint dstQueueFamilyIndex;
    public ulong buffer;
    public ulong offset;
    public ulong size;
}

internal unsafe struct VkImageMemoryBarrier
{
    public uint sType;
    public void* pNext;
    public uint srcAccessMask;
    public uint dstAccessMask;
    public uint oldLayout;
    public uint newLayout;
    public uint srcQueueFamilyIndex;
    public uint dstQueueFamilyIndex;
    public ulong image;
    public VkImageSubresourceRange subresourceRange;
}

internal struct VkOffset3D
{
    public int x;
    public int y;
    public int z;
}

internal struct VkBufferImageCopy
{
    public ulong bufferOffset;
    public uint bufferRowLength;
    public uint bufferImageHeight;
    public VkImageSubresourceLayers imageSubresource;
    public VkOffset3D imageOffset;
    public VkExtent3D imageExtent;
}

internal struct VkBufferCopy
{
    public ulong srcOffset;
    public ulong dstOffset;
    public ulong size;
}

internal struct VkDescriptorBufferInfo
{
    public ulong buffer;
    public ulong offset;
    public ulong range;
}

internal unsafe struct VkDescriptorSetLayoutBinding
{
    public uint binding;
    public uint descriptorType;
    public uint descriptorCount;
    public uint stageFlags;
    public ulong* pImmutableSamplers;
}

internal unsafe struct VkDescriptorSetLayoutCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint bindingCount;
    public VkDescriptorSetLayoutBinding* pBindings;
}

internal struct VkDescriptorPoolSize
{
    public uint type;
    public uint descriptorCount;
}

internal unsafe struct VkDescriptorPoolCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint maxSets;
    public uint poolSizeCount;
    public VkDescriptorPoolSize* pPoolSizes;
}

internal unsafe struct VkDescriptorSetAllocateInfo
{
    public uint sType;
    public void* pNext;
    public ulong descriptorPool;
    public uint descriptorSetCount;
    public ulong* pSetLayouts;
}

internal unsafe struct VkWriteDescriptorSet
{
    public uint sType;
    public void* pNext;
    public ulong dstSet;
    public uint dstBinding;
    public uint dstArrayElement;
    public uint descriptorCount;
    public uint descriptorType;
    public void* pImageInfo;
    public VkDescriptorBufferInfo* pBufferInfo;
    public ulong* pTexelBufferView;
}
