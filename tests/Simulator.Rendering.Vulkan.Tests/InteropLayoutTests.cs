using System.Runtime.CompilerServices;
using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan.Tests;

/// <summary>Struct sizes against sizeof() from gcc on vulkan_core.h 1.3.239 (x86-64), so layouts match C.</summary>
public sealed class InteropLayoutTests
{
    [Fact]
    public void Struct_sizes_match_the_C_headers()
    {
        (int, int)[] sizes =
        [
            (Unsafe.SizeOf<VkPhysicalDeviceProperties>(), 824), (Unsafe.SizeOf<VkPhysicalDeviceMemoryProperties>(), 520),
            (Unsafe.SizeOf<VkPhysicalDeviceVulkan12Features>(), 208), (Unsafe.SizeOf<VkPhysicalDeviceVulkan13Features>(), 80),
            (Unsafe.SizeOf<VkApplicationInfo>(), 48), (Unsafe.SizeOf<VkInstanceCreateInfo>(), 64), (Unsafe.SizeOf<VkLayerProperties>(), 520),
            (Unsafe.SizeOf<VkDebugUtilsMessengerCreateInfoEXT>(), 48), (Unsafe.SizeOf<VkDebugUtilsMessengerCallbackDataEXT>(), 96),
            (Unsafe.SizeOf<VkQueueFamilyProperties>(), 24), (Unsafe.SizeOf<VkDeviceQueueCreateInfo>(), 40), (Unsafe.SizeOf<VkDeviceCreateInfo>(), 72),
            (Unsafe.SizeOf<VkCommandPoolCreateInfo>(), 24), (Unsafe.SizeOf<VkCommandBufferAllocateInfo>(), 32),
            (Unsafe.SizeOf<VkCommandBufferBeginInfo>(), 32), (Unsafe.SizeOf<VkSubmitInfo>(), 72), (Unsafe.SizeOf<VkFenceCreateInfo>(), 24),
            (Unsafe.SizeOf<VkBufferCreateInfo>(), 56), (Unsafe.SizeOf<VkMemoryRequirements>(), 24), (Unsafe.SizeOf<VkMemoryAllocateInfo>(), 32),
            (Unsafe.SizeOf<VkImageCreateInfo>(), 88), (Unsafe.SizeOf<VkImageViewCreateInfo>(), 80), (Unsafe.SizeOf<VkShaderModuleCreateInfo>(), 40),
            (Unsafe.SizeOf<VkPushConstantRange>(), 12), (Unsafe.SizeOf<VkPipelineLayoutCreateInfo>(), 48),
            (Unsafe.SizeOf<VkDescriptorSetLayoutBinding>(), 24), (Unsafe.SizeOf<VkDescriptorSetLayoutCreateInfo>(), 32),
            (Unsafe.SizeOf<VkDescriptorPoolSize>(), 8), (Unsafe.SizeOf<VkDescriptorPoolCreateInfo>(), 40),
            (Unsafe.SizeOf<VkDescriptorSetAllocateInfo>(), 40), (Unsafe.SizeOf<VkDescriptorBufferInfo>(), 24),
            (Unsafe.SizeOf<VkWriteDescriptorSet>(), 64), (Unsafe.SizeOf<VkPipelineShaderStageCreateInfo>(), 48),
            (Unsafe.SizeOf<VkVertexInputBindingDescription>(), 12), (Unsafe.SizeOf<VkVertexInputAttributeDescription>(), 16),
            (Unsafe.SizeOf<VkPipelineVertexInputStateCreateInfo>(), 48), (Unsafe.SizeOf<VkPipelineInputAssemblyStateCreateInfo>(), 32),
            (Unsafe.SizeOf<VkPipelineViewportStateCreateInfo>(), 48), (Unsafe.SizeOf<VkPipelineRasterizationStateCreateInfo>(), 64),
            (Unsafe.SizeOf<VkPipelineMultisampleStateCreateInfo>(), 48), (Unsafe.SizeOf<VkStencilOpState>(), 28),
            (Unsafe.SizeOf<VkPipelineDepthStencilStateCreateInfo>(), 104), (Unsafe.SizeOf<VkPipelineColorBlendAttachmentState>(), 32),
            (Unsafe.SizeOf<VkPipelineColorBlendStateCreateInfo>(), 56), (Unsafe.SizeOf<VkPipelineDynamicStateCreateInfo>(), 32),
            (Unsafe.SizeOf<VkPipelineRenderingCreateInfo>(), 40), (Unsafe.SizeOf<VkGraphicsPipelineCreateInfo>(), 144),
            (Unsafe.SizeOf<VkViewport>(), 24), (Unsafe.SizeOf<VkRect2D>(), 16), (Unsafe.SizeOf<VkRenderingAttachmentInfo>(), 72),
            (Unsafe.SizeOf<VkRenderingInfo>(), 72), (Unsafe.SizeOf<VkImageMemoryBarrier>(), 72), (Unsafe.SizeOf<VkBufferMemoryBarrier>(), 56),
            (Unsafe.SizeOf<VkMemoryBarrier>(), 24), (Unsafe.SizeOf<VkBufferImageCopy>(), 56), (Unsafe.SizeOf<VkBufferCopy>(), 24),
            (Unsafe.SizeOf<VkClearValue>(), 16), (Unsafe.SizeOf<VkImageSubresourceRange>(), 20), (Unsafe.SizeOf<VkImageSubresourceLayers>(), 16),
        ];
        for (int i = 0; i < sizes.Length; i++)
        {
            Assert.True(sizes[i].Item1 == sizes[i].Item2, $"struct #{i}: C# {sizes[i].Item1} bytes, C {sizes[i].Item2}");
        }
    }

    [Fact]
    public void Shader_data_layouts_match_std430()
    {
        Assert.Equal(288, Unsafe.SizeOf<EnvGpu>());
        Assert.Equal(240, Unsafe.SizeOf<DrawRecordGpu>());
        Assert.Equal(DrawRecordGpu.Locations * 16, Unsafe.SizeOf<DrawRecordGpu>());
    }

    [Fact]
    public void Failed_results_name_the_function_and_result()
    {
        Assert.Equal("vkCreateBuffer", VkCheck.FunctionName("_ctx.Api.vkCreateBuffer(_device, &info, null, &b)"));
        var e = Assert.Throws<Simulator.Core.SimRuntimeException>(() => VkCheck.Check(VkConst.VK_ERROR_DEVICE_LOST, "api.vkQueueSubmit(q, 1, &s, f)"));
        Assert.Contains("vkQueueSubmit", e.Message, StringComparison.Ordinal);
        Assert.Contains("VK_ERROR_DEVICE_LOST", e.Message, StringComparison.Ordinal);
        var oom = Assert.Throws<Simulator.Core.SimRuntimeException>(() => VkCheck.Check(VkConst.VK_ERROR_OUT_OF_DEVICE_MEMORY, "vkAllocateMemory()"));
        Assert.Contains("out of memory", oom.Message, StringComparison.Ordinal);
        VkCheck.Check(VkConst.VK_SUCCESS, "vkFoo()");
    }
}
