using System.Runtime.InteropServices;
using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

/// <summary>How the context's Silk.NET <c>Vk</c> resolves commands.</summary>
[Collection(VulkanCollection.Name)]
public sealed class BindingTests(VulkanFixture fx)
{
    [Fact]
    public void Device_commands_resolve_through_vkGetDeviceProcAddr_not_the_loader_trampolines()
    {
        VulkanContext ctx = fx.Context;
        Assert.Equal(ctx.DeviceHandle.Handle, ctx.Api.CurrentDevice?.Handle);
        nint loader = NativeLibrary.Load("libvulkan.so.1");
        try
        {
            foreach (string name in (string[])["vkCmdDrawIndexed", "vkCmdBeginRendering", "vkQueueSubmit", "vkWaitForFences"])
            {
                nint viaDevice = ctx.Api.GetDeviceProcAddr(ctx.DeviceHandle, name);
                Assert.NotEqual(0, viaDevice);
                Assert.Equal(viaDevice, ctx.Api.Context.GetProcAddress(name));
                Assert.NotEqual(NativeLibrary.GetExport(loader, name), viaDevice);
            }
        }
        finally
        {
            NativeLibrary.Free(loader);
        }
    }
}
