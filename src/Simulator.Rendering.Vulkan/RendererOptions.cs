namespace Simulator.Rendering.Vulkan;

/// <summary>How to open the Vulkan device.</summary>
/// <param name="Gpu">"auto" (discrete &gt; integrated &gt; virtual &gt; CPU), a device index, or a case-insensitive
/// substring of the device name (e.g. "llvmpipe", "RTX").</param>
/// <param name="Validation">Enables VK_LAYER_KHRONOS_validation and collects its warnings and errors
/// (<see cref="VulkanContext.ValidationMessages"/>). Also enabled by the environment variable SIM_VALIDATION=1.</param>
public sealed record RendererOptions(string Gpu = "auto", bool Validation = false)
{
    public static RendererOptions Default { get; } = new();

    /// <summary>Null (the default): a headless context that asks for no surface or swapchain extension. Set: the
    /// context also presents to the host's window surface (see <see cref="PresentationOptions"/>).</summary>
    public PresentationOptions? Presentation { get; init; }

    /// <summary>Validation as requested, or forced on by SIM_VALIDATION=1.</summary>
    public bool ValidationResolved =>
        Validation || Environment.GetEnvironmentVariable("SIM_VALIDATION") == "1";
}

/// <summary>What a window host gives the context so it can present to the window.</summary>
/// <param name="InstanceExtensions">Instance extensions the window system needs, as glfwGetRequiredInstanceExtensions
/// returns them (e.g. VK_KHR_surface and VK_KHR_xcb_surface); all must exist or creation fails naming the missing.</param>
/// <param name="CreateSurface">Called once right after the instance is created, with the raw VkInstance handle;
/// returns the raw VkSurfaceKHR the host created for its window (e.g. with glfwCreateWindowSurface), or 0 on failure.
/// The context owns the surface from then on and destroys it before the instance.</param>
public sealed record PresentationOptions(IReadOnlyList<string> InstanceExtensions, Func<nint, ulong> CreateSurface);
