using Silk.NET.Core;
using Silk.NET.Vulkan;
using Simulator.Core;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace Simulator.Rendering.Vulkan.Interop;

/// <summary>
/// The VK_KHR_surface and VK_KHR_swapchain commands. Silk.NET.Vulkan defines their structs and enums, but the
/// classes that load them (KhrSurface, KhrSwapchain) live in Silk.NET.Vulkan.Extensions.KHR, which is not served;
/// so they are resolved here through vkGetInstanceProcAddr / vkGetDeviceProcAddr of the context's <see cref="Vk"/>
/// and typed with the package's types. Declarations and loading only.
/// </summary>
internal sealed unsafe class KhrEntryPoints
{
    // VK_KHR_surface (instance level).
    public delegate* unmanaged<Instance, SurfaceKHR, AllocationCallbacks*, void> vkDestroySurfaceKHR;
    public delegate* unmanaged<PhysicalDevice, uint, SurfaceKHR, Bool32*, Result> vkGetPhysicalDeviceSurfaceSupportKHR;
    public delegate* unmanaged<PhysicalDevice, SurfaceKHR, SurfaceCapabilitiesKHR*, Result> vkGetPhysicalDeviceSurfaceCapabilitiesKHR;
    public delegate* unmanaged<PhysicalDevice, SurfaceKHR, uint*, SurfaceFormatKHR*, Result> vkGetPhysicalDeviceSurfaceFormatsKHR;
    public delegate* unmanaged<PhysicalDevice, SurfaceKHR, uint*, PresentModeKHR*, Result> vkGetPhysicalDeviceSurfacePresentModesKHR;

    // VK_KHR_swapchain (device level; null until LoadDevice).
    public delegate* unmanaged<Device, SwapchainCreateInfoKHR*, AllocationCallbacks*, SwapchainKHR*, Result> vkCreateSwapchainKHR;
    public delegate* unmanaged<Device, SwapchainKHR, AllocationCallbacks*, void> vkDestroySwapchainKHR;
    public delegate* unmanaged<Device, SwapchainKHR, uint*, Image*, Result> vkGetSwapchainImagesKHR;
    public delegate* unmanaged<Device, SwapchainKHR, ulong, Semaphore, Fence, uint*, Result> vkAcquireNextImageKHR;
    public delegate* unmanaged<Queue, PresentInfoKHR*, Result> vkQueuePresentKHR;

    /// <summary>Loads the surface commands of <paramref name="instance"/> (created with VK_KHR_surface).</summary>
    public static KhrEntryPoints LoadInstance(Vk vk, Instance instance)
    {
        nint Resolve(string name) => Require((nint)vk.GetInstanceProcAddr(instance, name), name, "VK_KHR_surface", "instance");
        return new KhrEntryPoints
        {
            vkDestroySurfaceKHR = (delegate* unmanaged<Instance, SurfaceKHR, AllocationCallbacks*, void>)Resolve(nameof(vkDestroySurfaceKHR)),
            vkGetPhysicalDeviceSurfaceSupportKHR = (delegate* unmanaged<PhysicalDevice, uint, SurfaceKHR, Bool32*, Result>)Resolve(nameof(vkGetPhysicalDeviceSurfaceSupportKHR)),
            vkGetPhysicalDeviceSurfaceCapabilitiesKHR = (delegate* unmanaged<PhysicalDevice, SurfaceKHR, SurfaceCapabilitiesKHR*, Result>)Resolve(nameof(vkGetPhysicalDeviceSurfaceCapabilitiesKHR)),
            vkGetPhysicalDeviceSurfaceFormatsKHR = (delegate* unmanaged<PhysicalDevice, SurfaceKHR, uint*, SurfaceFormatKHR*, Result>)Resolve(nameof(vkGetPhysicalDeviceSurfaceFormatsKHR)),
            vkGetPhysicalDeviceSurfacePresentModesKHR = (delegate* unmanaged<PhysicalDevice, SurfaceKHR, uint*, PresentModeKHR*, Result>)Resolve(nameof(vkGetPhysicalDeviceSurfacePresentModesKHR)),
        };
    }

    /// <summary>Loads the swapchain commands of <paramref name="device"/> (created with VK_KHR_swapchain).</summary>
    public void LoadDevice(Vk vk, Device device)
    {
        nint Resolve(string name) => Require((nint)vk.GetDeviceProcAddr(device, name), name, "VK_KHR_swapchain", "device");
        vkCreateSwapchainKHR = (delegate* unmanaged<Device, SwapchainCreateInfoKHR*, AllocationCallbacks*, SwapchainKHR*, Result>)Resolve(nameof(vkCreateSwapchainKHR));
        vkDestroySwapchainKHR = (delegate* unmanaged<Device, SwapchainKHR, AllocationCallbacks*, void>)Resolve(nameof(vkDestroySwapchainKHR));
        vkGetSwapchainImagesKHR = (delegate* unmanaged<Device, SwapchainKHR, uint*, Image*, Result>)Resolve(nameof(vkGetSwapchainImagesKHR));
        vkAcquireNextImageKHR = (delegate* unmanaged<Device, SwapchainKHR, ulong, Semaphore, Fence, uint*, Result>)Resolve(nameof(vkAcquireNextImageKHR));
        vkQueuePresentKHR = (delegate* unmanaged<Queue, PresentInfoKHR*, Result>)Resolve(nameof(vkQueuePresentKHR));
    }

    private static nint Require(nint address, string name, string extension, string level) => address != 0 ? address
        : throw new SimRuntimeException(
            $"The Vulkan driver does not provide {name} ({extension}, {level} level); presenting to a window needs a driver with {extension} " +
            "(apt-get install mesa-vulkan-drivers, or update the GPU driver).");
}
