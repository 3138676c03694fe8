using Simulator.Rendering.Vulkan;
using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

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
        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = 0,
            Usage = BufferUsageFlags.StorageBufferBit,
        };
        Buffer buffer;
        Result result = ctx.Api.CreateBuffer(ctx.DeviceHandle, &info, null, &buffer);
        if (result == Result.Success && buffer.Handle != 0)
        {
            ctx.Api.DestroyBuffer(ctx.DeviceHandle, buffer, null);
        }
        IReadOnlyList<string> messages = ctx.ValidationMessages;
        Assert.Contains(messages, m => m.StartsWith("error:", StringComparison.Ordinal) && m.Contains("00912", StringComparison.Ordinal));
        ctx.ClearValidationMessages();
        Assert.Empty(ctx.ValidationMessages);
    }
}
