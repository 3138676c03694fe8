namespace Simulator.Rendering.Vulkan;

/// <summary>How to open the Vulkan device.</summary>
/// <param name="Gpu">"auto" (discrete &gt; integrated &gt; virtual &gt; CPU), a device index, or a case-insensitive
/// substring of the device name (e.g. "llvmpipe", "RTX").</param>
/// <param name="Validation">Enables VK_LAYER_KHRONOS_validation and collects its warnings and errors
/// (<see cref="VulkanContext.ValidationMessages"/>). Also enabled by the environment variable SIM_VALIDATION=1.</param>
public sealed record RendererOptions(string Gpu = "auto", bool Validation = false)
{
    public static RendererOptions Default { get; } = new();

    /// <summary>Validation as requested, or forced on by SIM_VALIDATION=1.</summary>
    public bool ValidationResolved =>
        Validation || Environment.GetEnvironmentVariable("SIM_VALIDATION") == "1";
}
