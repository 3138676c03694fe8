using Simulator.Core;
using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

/// <summary>The presentation option without a display: extension checks, surface hand-over failures, and the
/// headless default staying headless. Presenting to a real window is tested with the window binding.</summary>
[Collection(VulkanCollection.Name)]
public sealed class PresentationTests(VulkanFixture fx)
{
    [Fact]
    public void Headless_context_has_no_surface_or_present_queue()
    {
        VulkanContext ctx = fx.Context;
        Assert.False(ctx.CanPresent);
        Assert.Equal(0ul, ctx.Surface.Handle);
        Assert.Equal(0, ctx.PresentQueue.Handle);
        Assert.Null(ctx.Khr);
    }

    [Fact]
    public void Missing_instance_extensions_are_named_before_any_surface_is_created()
    {
        long live = VulkanContext.LiveContexts;
        bool called = false;
        var options = new RendererOptions
        {
            Presentation = new PresentationOptions(["VK_KHR_surface", "VK_KHR_no_such_surface", "VK_EXT_not_there_either"],
                _ => { called = true; return 0; }),
        };
        var e = Assert.Throws<SimRuntimeException>(() => VulkanContext.Create(options));
        Assert.Contains("VK_KHR_no_such_surface, VK_EXT_not_there_either", e.Message, StringComparison.Ordinal);
        Assert.Contains("not available", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("VK_KHR_surface,", e.Message.Split("(available")[0], StringComparison.Ordinal);
        Assert.False(called);
        Assert.Equal(live, VulkanContext.LiveContexts);
    }

    [Fact]
    public void Surface_callback_gets_the_instance_and_a_failed_surface_is_a_clear_error()
    {
        long live = VulkanContext.LiveContexts;
        nint instance = 0;
        var options = new RendererOptions(Validation: true)
        {
            Presentation = new PresentationOptions(["VK_KHR_surface", "VK_KHR_xlib_surface"], i => { instance = i; return 0; }),
        };
        var e = Assert.Throws<SimRuntimeException>(() => VulkanContext.Create(options));
        Assert.Contains("could not create a Vulkan surface", e.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, instance);
        Assert.Equal(live, VulkanContext.LiveContexts);
    }
}
