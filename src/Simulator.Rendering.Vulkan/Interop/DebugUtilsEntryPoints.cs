using Silk.NET.Vulkan;

namespace Simulator.Rendering.Vulkan.Interop;

/// <summary>
/// vkCreateDebugUtilsMessengerEXT / vkDestroyDebugUtilsMessengerEXT (VK_EXT_debug_utils, used only with the
/// validation layer). Silk.NET.Vulkan defines the structs; the ExtDebugUtils class that loads them lives in
/// Silk.NET.Vulkan.Extensions.EXT, which is not served. Declarations and loading only.
/// </summary>
internal readonly unsafe struct DebugUtilsEntryPoints
{
    public readonly delegate* unmanaged<Instance, DebugUtilsMessengerCreateInfoEXT*, AllocationCallbacks*, DebugUtilsMessengerEXT*, Result> vkCreateDebugUtilsMessengerEXT;
    public readonly delegate* unmanaged<Instance, DebugUtilsMessengerEXT, AllocationCallbacks*, void> vkDestroyDebugUtilsMessengerEXT;

    /// <summary>Resolves both commands of an instance created with VK_EXT_debug_utils; null pointers when absent.</summary>
    public DebugUtilsEntryPoints(Vk vk, Instance instance)
    {
        vkCreateDebugUtilsMessengerEXT = (delegate* unmanaged<Instance, DebugUtilsMessengerCreateInfoEXT*, AllocationCallbacks*, DebugUtilsMessengerEXT*, Result>)
            (nint)vk.GetInstanceProcAddr(instance, nameof(vkCreateDebugUtilsMessengerEXT));
        vkDestroyDebugUtilsMessengerEXT = (delegate* unmanaged<Instance, DebugUtilsMessengerEXT, AllocationCallbacks*, void>)
            (nint)vk.GetInstanceProcAddr(instance, nameof(vkDestroyDebugUtilsMessengerEXT));
    }
}
