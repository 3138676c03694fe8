using System.Runtime.CompilerServices;
using Silk.NET.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

/// <summary>Shader-visible layouts and result reporting (the Vulkan structs themselves come from Silk.NET.Vulkan).</summary>
public sealed class InteropLayoutTests
{
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
        var e = Assert.Throws<Simulator.Core.SimRuntimeException>(() => VkCheck.Check(Result.ErrorDeviceLost, "api.vkQueueSubmit(q, 1, &s, f)"));
        Assert.Contains("vkQueueSubmit", e.Message, StringComparison.Ordinal);
        Assert.Contains("VK_ERROR_DEVICE_LOST", e.Message, StringComparison.Ordinal);
        var oom = Assert.Throws<Simulator.Core.SimRuntimeException>(() => VkCheck.Check(Result.ErrorOutOfDeviceMemory, "vkAllocateMemory()"));
        Assert.Contains("out of memory", oom.Message, StringComparison.Ordinal);
        VkCheck.Check(Result.Success, "vkFoo()");
        Assert.Equal("vkCreateBuffer", VkCheck.FunctionName("ctx.Api.CreateBuffer(ctx.DeviceHandle, &info, null, &b)"));
        Assert.Equal("VK_ERROR_OUT_OF_POOL_MEMORY", VkCheck.ResultName(Result.ErrorOutOfPoolMemory));
        Assert.Equal("VK_ERROR_SURFACE_LOST_KHR", VkCheck.ResultName(Result.ErrorSurfaceLostKhr));
    }
}
