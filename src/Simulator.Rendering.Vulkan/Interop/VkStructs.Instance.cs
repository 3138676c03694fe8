using System.Runtime.InteropServices;

namespace Simulator.Rendering.Vulkan.Interop;

// Native layouts declare every field, including those only the driver writes or that stay zero.
#pragma warning disable CS0649

// Instance, device and debug structures with the exact C layouts of vulkan_core.h (x86-64 / LP64).
// Sizes are checked against the C compiler's sizeof in the tests (InteropLayoutTests).

internal unsafe struct VkApplicationInfo
{
    public uint sType;
    public void* pNext;
    public byte* pApplicationName;
    public uint applicationVersion;
    public byte* pEngineName;
    public uint engineVersion;
    public uint apiVersion;
}

internal unsafe struct VkInstanceCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public VkApplicationInfo* pApplicationInfo;
    public uint enabledLayerCount;
    public byte** ppEnabledLayerNames;
    public uint enabledExtensionCount;
    public byte** ppEnabledExtensionNames;
}

internal unsafe struct VkLayerProperties
{
    public fixed byte layerName[256];
    public uint specVersion;
    public uint implementationVersion;
    public fixed byte description[256];
}

internal unsafe struct VkDebugUtilsMessengerCreateInfoEXT
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint messageSeverity;
    public uint messageType;
    public delegate* unmanaged<uint, uint, VkDebugUtilsMessengerCallbackDataEXT*, void*, uint> pfnUserCallback;
    public void* pUserData;
}

internal unsafe struct VkDebugUtilsMessengerCallbackDataEXT
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public byte* pMessageIdName;
    public int messageIdNumber;
    public byte* pMessage;
    public uint queueLabelCount;
    public void* pQueueLabels;
    public uint cmdBufLabelCount;
    public void* pCmdBufLabels;
    public uint objectCount;
    public void* pObjects;
}

/// <summary>Only the fields the renderer reads are declared; offsets and total size are the C ones.</summary>
[StructLayout(LayoutKind.Explicit, Size = 824)]
internal unsafe struct VkPhysicalDeviceProperties
{
    [FieldOffset(0)] public uint apiVersion;
    [FieldOffset(4)] public uint driverVersion;
    [FieldOffset(8)] public uint vendorID;
    [FieldOffset(12)] public uint deviceID;
    [FieldOffset(16)] public uint deviceType;
    [FieldOffset(20)] public fixed byte deviceName[256];
    [FieldOffset(300)] public uint limits_maxImageDimension2D;
    [FieldOffset(312)] public uint limits_maxImageArrayLayers;
    [FieldOffset(324)] public uint limits_maxStorageBufferRange;
    [FieldOffset(660)] public uint limits_maxFramebufferWidth;
    [FieldOffset(664)] public uint limits_maxFramebufferHeight;
    [FieldOffset(668)] public uint limits_maxFramebufferLayers;
}

internal struct VkExtent3D
{
    public uint width;
    public uint height;
    public uint depth;
}

internal struct VkQueueFamilyProperties
{
    public uint queueFlags;
    public uint queueCount;
    public uint timestampValidBits;
    public VkExtent3D minImageTransferGranularity;
}

/// <summary>memoryTypes is VkMemoryType[32] (propertyFlags, heapIndex pairs); heaps are not read.</summary>
[StructLayout(LayoutKind.Explicit, Size = 520)]
internal unsafe struct VkPhysicalDeviceMemoryProperties
{
    [FieldOffset(0)] public uint memoryTypeCount;
    [FieldOffset(4)] public fixed uint memoryTypes[64];
    [FieldOffset(260)] public uint memoryHeapCount;
}

internal unsafe struct VkDeviceQueueCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint queueFamilyIndex;
    public uint queueCount;
    public float* pQueuePriorities;
}

internal unsafe struct VkDeviceCreateInfo
{
    public uint sType;
    public void* pNext;
    public uint flags;
    public uint queueCreateInfoCount;
    public VkDeviceQueueCreateInfo* pQueueCreateInfos;
    public uint enabledLayerCount;
    public byte** ppEnabledLayerNames;
    public uint enabledExtensionCount;
    public byte** ppEnabledExtensionNames;
    public void* pEnabledFeatures;
}

/// <summary>47 VkBool32 feature flags after the header; only shaderOutputLayer is named.</summary>
[StructLayout(LayoutKind.Explicit, Size = 208)]
internal unsafe struct VkPhysicalDeviceVulkan12Features
{
    [FieldOffset(0)] public uint sType;
    [FieldOffset(8)] public void* pNext;
    [FieldOffset(196)] public uint shaderOutputLayer;
}

[StructLayout(LayoutKind.Explicit, Size = 80)]
internal unsafe struct VkPhysicalDeviceVulkan13Features
{
    [FieldOffset(0)] public uint sType;
    [FieldOffset(8)] public void* pNext;
    [FieldOffset(64)] public uint dynamicRendering;
}
