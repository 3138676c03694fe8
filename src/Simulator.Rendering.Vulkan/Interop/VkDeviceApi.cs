namespace Simulator.Rendering.Vulkan.Interop;

// Fields are filled by name through ProcTableLoader, which the compiler cannot see.
#pragma warning disable CS0649

/// <summary>Device-level commands, resolved with vkGetDeviceProcAddr (no loader trampoline on the hot path).</summary>
internal unsafe struct VkDeviceApi
{
    public delegate* unmanaged<nint, void*, void> vkDestroyDevice;
    public delegate* unmanaged<nint, uint, uint, nint*, void> vkGetDeviceQueue;
    public delegate* unmanaged<nint, int> vkDeviceWaitIdle;
    public delegate* unmanaged<nint, uint, VkSubmitInfo*, ulong, int> vkQueueSubmit;
    public delegate* unmanaged<nint, VkCommandPoolCreateInfo*, void*, ulong*, int> vkCreateCommandPool;
    public delegate* unmanaged<nint, ulong, void*, void> vkDestroyCommandPool;
    public delegate* unmanaged<nint, VkCommandBufferAllocateInfo*, nint*, int> vkAllocateCommandBuffers;
    public delegate* unmanaged<nint, ulong, uint, nint*, void> vkFreeCommandBuffers;
    public delegate* unmanaged<nint, VkCommandBufferBeginInfo*, int> vkBeginCommandBuffer;
    public delegate* unmanaged<nint, int> vkEndCommandBuffer;
    public delegate* unmanaged<nint, uint, int> vkResetCommandBuffer;
    public delegate* unmanaged<nint, VkFenceCreateInfo*, void*, ulong*, int> vkCreateFence;
    public delegate* unmanaged<nint, ulong, void*, void> vkDestroyFence;
    public delegate* unmanaged<nint, uint, ulong*, uint, ulong, int> vkWaitForFences;
    public delegate* unmanaged<nint, uint, ulong*, int> vkResetFences;
    public delegate* unmanaged<nint, ulong, int> vkGetFenceStatus;
    public delegate* unmanaged<nint, VkBufferCreateInfo*, void*, ulong*, int> vkCreateBuffer;
    public delegate* unmanaged<nint, ulong, void*, void> vkDestroyBuffer;
    public delegate* unmanaged<nint, ulong, VkMemoryRequirements*, void> vkGetBufferMemoryRequirements;
    public delegate* unmanaged<nint, VkMemoryAllocateInfo*, void*, ulong*, int> vkAllocateMemory;
    public delegate* unmanaged<nint, ulong, void*, void> vkFreeMemory;
    public delegate* unmanaged<nint, ulong, ulong, ulong, int> vkBindBufferMemory;
    public delegate* unmanaged<nint, ulong, ulong, ulong, uint, void**, int> vkMapMemory;
    public delegate* unmanaged<nint, ulong, void> vkUnmapMemory;
    public delegate* unmanaged<nint, VkImageCreateInfo*, void*, ulong*, int> vkCreateImage;
    public delegate* unmanaged<nint, ulong, void*, void> vkDestroyImage;
    public delegate* unmanaged<nint, ulong, VkMemoryRequirements*, void> vkGetImageMemoryRequirements;
    public delegate* unmanaged<nint, ulong, ulong, ulong, int> vkBindImageMemory;
    public delegate* unmanaged<nint, VkImageViewCreateInfo*, void*, ulong*, int> vkCreateImageView;
    public delegate* unmanaged<nint, ulong, void*, void> vkDestroyImageView;
    public delegate* unmanaged<nint, VkShaderModuleCreateInfo*, void*, ulong*, int> vkCreateShaderModule;
    public delegate* unmanaged<nint, ulong, void*, void> vkDestroyShaderModule;
    public delegate* unmanaged<nint, VkPipelineLayoutCreateInfo*, void*, ulong*, int> vkCreatePipelineLayout;
    public delegate* unmanaged<nint, ulong, void*, void> vkDestroyPipelineLayout;
    public delegate* unmanaged<nint, ulong, uint, VkGraphicsPipelineCreateInfo*, void*, ulong*, int> vkCreateGraphicsPipelines;
    public delegate* unmanaged<nint, ulong, void*, void> vkDestroyPipeline;
    public delegate* unmanaged<nint, VkDescriptorSetLayoutCreateInfo*, void*, ulong*, int> vkCreateDescriptorSetLayout;
    public delegate* unmanaged<nint, ulong, void*, void> vkDestroyDescriptorSetLayout;
    public delegate* unmanaged<nint, VkDescriptorPoolCreateInfo*, void*, ulong*, int> vkCreateDescriptorPool;
    public delegate* unmanaged<nint, ulong, void*, void> vkDestroyDescriptorPool;
    public delegate* unmanaged<nint, VkDescriptorSetAllocateInfo*, ulong*, int> vkAllocateDescriptorSets;
    public delegate* unmanaged<nint, uint, VkWriteDescriptorSet*, uint, void*, void> vkUpdateDescriptorSets;
    public delegate* unmanaged<nint, uint, uint, uint, uint, VkMemoryBarrier*, uint, VkBufferMemoryBarrier*, uint, VkImageMemoryBarrier*, void> vkCmdPipelineBarrier;
    public delegate* unmanaged<nint, VkRenderingInfo*, void> vkCmdBeginRendering;
    public delegate* unmanaged<nint, void> vkCmdEndRendering;
    public delegate* unmanaged<nint, uint, ulong, void> vkCmdBindPipeline;
    public delegate* unmanaged<nint, uint, uint, ulong*, ulong*, void> vkCmdBindVertexBuffers;
    public delegate* unmanaged<nint, ulong, ulong, uint, void> vkCmdBindIndexBuffer;
    public delegate* unmanaged<nint, uint, ulong, uint, uint, ulong*, uint, uint*, void> vkCmdBindDescriptorSets;
    public delegate* unmanaged<nint, ulong, uint, uint, uint, void*, void> vkCmdPushConstants;
    public delegate* unmanaged<nint, uint, uint, uint, uint, void> vkCmdDraw;
    public delegate* unmanaged<nint, uint, uint, uint, int, uint, void> vkCmdDrawIndexed;
    public delegate* unmanaged<nint, uint, uint, VkViewport*, void> vkCmdSetViewport;
    public delegate* unmanaged<nint, uint, uint, VkRect2D*, void> vkCmdSetScissor;
    public delegate* unmanaged<nint, ulong, uint, ulong, uint, VkBufferImageCopy*, void> vkCmdCopyImageToBuffer;
    public delegate* unmanaged<nint, ulong, ulong, uint, VkBufferCopy*, void> vkCmdCopyBuffer;
}
