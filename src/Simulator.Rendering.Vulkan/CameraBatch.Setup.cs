using Silk.NET.Vulkan;

namespace Simulator.Rendering.Vulkan;

public sealed unsafe partial class CameraBatch
{
    private void CreatePools()
    {
        var poolInfo = new CommandPoolCreateInfo
        {
            SType = StructureType.CommandPoolCreateInfo,
            Flags = CommandPoolCreateFlags.ResetCommandBufferBit,
            QueueFamilyIndex = _ctx.QueueFamily,
        };
        CommandPool pool;
        VkCheck.Check(_ctx.Api.CreateCommandPool(_ctx.DeviceHandle, &poolInfo, null, &pool));
        _ctx.Track(1);
        _commandPool = pool;
        var size = new DescriptorPoolSize { Type = DescriptorType.StorageBuffer, DescriptorCount = (uint)_slots.Length };
        var descInfo = new DescriptorPoolCreateInfo
        {
            SType = StructureType.DescriptorPoolCreateInfo,
            MaxSets = (uint)_slots.Length,
            PoolSizeCount = 1,
            PPoolSizes = &size,
        };
        DescriptorPool descriptorPool;
        VkCheck.Check(_ctx.Api.CreateDescriptorPool(_ctx.DeviceHandle, &descInfo, null, &descriptorPool));
        _ctx.Track(1);
        _descriptorPool = descriptorPool;
    }

    private void AllocateCommandBuffersAndSets(CommandBuffer* commandBuffers, DescriptorSet* sets)
    {
        uint count = (uint)_slots.Length;
        var alloc = new CommandBufferAllocateInfo
        {
            SType = StructureType.CommandBufferAllocateInfo,
            CommandPool = _commandPool,
            Level = CommandBufferLevel.Primary,
            CommandBufferCount = count,
        };
        VkCheck.Check(_ctx.Api.AllocateCommandBuffers(_ctx.DeviceHandle, &alloc, commandBuffers));
        DescriptorSetLayout* layouts = stackalloc DescriptorSetLayout[(int)count];
        for (int i = 0; i < count; i++)
        {
            layouts[i] = _renderer.DescriptorSetLayout;
        }
        var setAlloc = new DescriptorSetAllocateInfo
        {
            SType = StructureType.DescriptorSetAllocateInfo,
            DescriptorPool = _descriptorPool,
            DescriptorSetCount = count,
            PSetLayouts = layouts,
        };
        VkCheck.Check(_ctx.Api.AllocateDescriptorSets(_ctx.DeviceHandle, &setAlloc, sets));
    }

    private void WriteDescriptorSet(FrameSlot slot)
    {
        var info = new DescriptorBufferInfo { Buffer = slot.Envs.Handle, Range = Vk.WholeSize };
        var write = new WriteDescriptorSet
        {
            SType = StructureType.WriteDescriptorSet,
            DstSet = slot.DescriptorSet,
            DstBinding = 0,
            DescriptorCount = 1,
            DescriptorType = DescriptorType.StorageBuffer,
            PBufferInfo = &info,
        };
        _ctx.Api.UpdateDescriptorSets(_ctx.DeviceHandle, 1, &write, 0, null);
    }
}
