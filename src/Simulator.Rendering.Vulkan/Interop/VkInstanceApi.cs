namespace Simulator.Rendering.Vulkan.Interop;

// Fields are filled by name through ProcTableLoader, which the compiler cannot see.
#pragma warning disable CS0649

/// <summary>Global and instance-level commands, resolved with vkGetInstanceProcAddr.</summary>
internal unsafe struct VkInstanceApi
{
    public delegate* unmanaged<VkInstanceCreateInfo*, void*, nint*, int> vkCreateInstance;
    public delegate* unmanaged<uint*, VkLayerProperties*, int> vkEnumerateInstanceLayerProperties;
    public delegate* unmanaged<nint, void*, void> vkDestroyInstance;
    public delegate* unmanaged<nint, uint*, nint*, int> vkEnumeratePhysicalDevices;
    public delegate* unmanaged<nint, VkPhysicalDeviceProperties*, void> vkGetPhysicalDeviceProperties;
    public delegate* unmanaged<nint, uint*, VkQueueFamilyProperties*, void> vkGetPhysicalDeviceQueueFamilyProperties;
    public delegate* unmanaged<nint, VkPhysicalDeviceMemoryProperties*, void> vkGetPhysicalDeviceMemoryProperties;
    public delegate* unmanaged<nint, VkDeviceCreateInfo*, void*, nint*, int> vkCreateDevice;
    public delegate* unmanaged<nint, byte*, nint> vkGetDeviceProcAddr;
    public delegate* unmanaged<nint, VkDebugUtilsMessengerCreateInfoEXT*, void*, ulong*, int> vkCreateDebugUtilsMessengerEXT;
    public delegate* unmanaged<nint, ulong, void*, void> vkDestroyDebugUtilsMessengerEXT;
}
