using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan;

public sealed unsafe partial class CameraBatch
{
    private void CreatePools()
    {
        var poolInfo = new VkCommandPoolCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
            flags = VkConst.VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT,
            queueFamilyIndex = _ctx.QueueFamily,
        };
        ulong pool;
        VkCheck.Check(_ctx.Api.vkCreateCommandPool(_ctx.DeviceHandle, &poolInfo, null, &pool));
        _ctx.Track(1);
        _commandPool = pool;
        var size = new VkDescriptorPoolSize { type = VkConst.VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, descriptorCount = (uint)_slots.Length };
        var descInfo = new VkDescriptorPoolCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
            maxSets = (uint)_slots.Length,
            poolSizeCount = 1,
            pPoolSizes = &size,
        };
        ulong descriptorPool;
        VkCheck.Check(_ctx.Api.vkCreateDescriptorPool(_ctx.DeviceHandle, &descInfo, null, &descriptorPool));
        _ctx.Track(1);
        _descriptorPool = descriptorPool;
    }

    private void AllocateCommandBuffersAndSets(nint* commandBuffers, ulong* sets)
    {
        uint count = (uint)_slots.Length;
        var alloc = new VkCommandBufferAllocateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
            commandPool = _commandPool,
            level = VkConst.VK_COMMAND_BUFFER_LEVEL_PRIMARY,
            commandBufferCount = count,
        };
        VkCheck.Check(_ctx.Api.vkAllocateCommandBuffers(_ctx.DeviceHandle, &alloc, commandBuffers));
        ulong* layouts = stackalloc ulong[(int)count];
        for (int i = 0; i < count; i++)
        {
            layouts[i] = _renderer.DescriptorSetLayout;
        }
        var setAlloc = new VkDescriptorSetAllocateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
            descriptorPool = _descriptorPool,
            descriptorSetCount = count,
            pSetLayouts = layouts,
        };
        VkCheck.Check(_ctx.Api.vkAllocateDescriptorSets(_ctx.DeviceHandle, &setAlloc, sets));
    }

    private void WriteDescriptorSet(FrameSlot slot)
    {
        var info = new VkDescriptorBufferInfo { buffer = slot.Envs.Handle, range = VkConst.VK_WHOLE_SIZE };
        var write = new VkWriteDescriptorSet
        {
            sType = VkConst.VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
            dstSet = slot.DescriptorSet,
            dstBinding = 0,
            descriptorCount = 1,
            descriptorType = VkConst.VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
            pBufferInfo = &info,
        };
        _ctx.Api.vkUpdateDescriptorSets(_ctx.DeviceHandle, 1, &write, 0, null);
    }
}
