using Simulator.Rendering.Vulkan;
using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan.Tests;

public sealed class ValidationCaptureTests
{
    /// <summary>Proves the messenger really collects errors, so the other tests' "no messages" checks can fail.</summary>
    [Fact]
    public unsafe void Invalid_usage_is_collected_as_a_validation_error()
    {
        using VulkanContext ctx = VulkanContext.Create(new RendererOptions(Validation: true));
        Assert.True(ctx.ValidationEnabled);
        Assert.Empty(ctx.ValidationMessages);
        // size 0 violates VUID-VkBufferCreateInfo-size-00912.
        var info = new VkBufferCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
            size = 0,
            usage = VkConst.VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
        };
        ulong buffer;
        int result = ctx.Api.vkCreateBuffer(ctx.DeviceHandle, &info, null, &buffer);
        if (result == VkConst.VK_SUCCESS && buffer != 0)
        {
            ctx.Api.vkDestroyBuffer(ctx.DeviceHandle, buffer, null);
        }
        IReadOnlyList<string> messages = ctx.ValidationMessages;
        Assert.Contains(messages, m => m.StartsWith("error:", StringComparison.Ordinal) && m.Contains("00912", StringComparison.Ordinal));
        ctx.ClearValidationMessages();
        Assert.Empty(ctx.ValidationMessages);
    }
}
