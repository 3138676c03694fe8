using System.Runtime.InteropServices;
using System.Text;
using Simulator.Core;
using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// A headless Vulkan instance + device + graphics queue (no surface, no window system). One context can serve many
/// renderers; it is not thread-safe (one thread records and submits).
/// </summary>
public sealed unsafe partial class VulkanContext : IDisposable
{
    private const string ValidationLayer = "VK_LAYER_KHRONOS_validation";
    private const string InstallHint = "apt-get install libvulkan1 mesa-vulkan-drivers";

    private static long s_liveContexts;

    private readonly VkInstanceApi _vki;
    private nint _instance;
    private nint _device;
    private ulong _messenger;
    private bool _disposed;

    internal readonly VkDeviceApi Api;
    internal readonly nint Queue;
    internal readonly uint QueueFamily;
    internal readonly VkPhysicalDeviceMemoryProperties MemoryProperties;

    private VulkanContext(VkInstanceApi vki, nint instance, ValidationLog? log, ulong messenger, nint physical, GpuDeviceInfo info)
    {
        _vki = vki;
        _instance = instance;
        _validationLog = log;
        _messenger = messenger;
        Device = info;
        VkPhysicalDeviceProperties props;
        vki.vkGetPhysicalDeviceProperties(physical, &props);
        MaxImageDimension2D = props.limits_maxImageDimension2D;
        MaxImageArrayLayers = Math.Min(props.limits_maxImageArrayLayers, props.limits_maxFramebufferLayers);
        MaxStorageBufferRange = props.limits_maxStorageBufferRange;
        VkPhysicalDeviceMemoryProperties mem;
        vki.vkGetPhysicalDeviceMemoryProperties(physical, &mem);
        MemoryProperties = mem;
        QueueFamily = FindGraphicsQueueFamily(vki, physical);
        _device = CreateDevice(vki, physical, QueueFamily);
        nint device = _device;
        var getDeviceProc = vki.vkGetDeviceProcAddr;
        Api = ProcTableLoader.Load<VkDeviceApi>(name => VkLoader.GetDeviceProc(getDeviceProc, device, name));
        nint queue;
        Api.vkGetDeviceQueue(_device, QueueFamily, 0, &queue);
        Queue = queue;
        Interlocked.Increment(ref s_liveContexts);
    }

    /// <summary>The chosen physical device.</summary>
    public GpuDeviceInfo Device { get; }

    /// <summary>Name of the chosen device, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</summary>
    public string DeviceName => Device.Name;

    public uint MaxImageDimension2D { get; }

    /// <summary>Most layers of one render target (min of maxImageArrayLayers and maxFramebufferLayers): the largest batch.</summary>
    public uint MaxImageArrayLayers { get; }

    public uint MaxStorageBufferRange { get; }

    /// <summary>Contexts created and not yet disposed in this process (for leak tests).</summary>
    public static long LiveContexts => Interlocked.Read(ref s_liveContexts);

    internal nint DeviceHandle => _device;

    /// <summary>Opens the Vulkan loader, picks a device per <paramref name="options"/> and creates the device.</summary>
    public static VulkanContext Create(RendererOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        VkInstanceApi vki = LoadGlobalApi();
        bool validation = options.ValidationResolved;
        ValidationLog? log = validation ? new ValidationLog() : null;
        nint instance = CreateInstance(ref vki, log);
        ulong messenger = 0;
        try
        {
            if (log != null)
            {
                VkDebugUtilsMessengerCreateInfoEXT info = MessengerInfo(log);
                VkCheck.Check(vki.vkCreateDebugUtilsMessengerEXT(instance, &info, null, &messenger));
            }
            (nint physical, GpuDeviceInfo chosen) = SelectDevice(vki, instance, options.Gpu);
            return new VulkanContext(vki, instance, log, messenger, physical, chosen);
        }
        catch
        {
            if (messenger != 0)
            {
                vki.vkDestroyDebugUtilsMessengerEXT(instance, messenger, null);
            }
            vki.vkDestroyInstance(instance, null);
            log?.Dispose();
            throw;
        }
    }

    /// <summary>Lists the Vulkan devices the loader sees (creates and destroys a temporary instance).</summary>
    public static IReadOnlyList<GpuDeviceInfo> ListDevices()
    {
        VkInstanceApi vki = LoadGlobalApi();
        nint instance = CreateInstance(ref vki, null);
        try
        {
            return EnumerateDevices(vki, instance).Select(d => d.Info).ToArray();
        }
        finally
        {
            vki.vkDestroyInstance(instance, null);
        }
    }

    private static VkInstanceApi LoadGlobalApi()
    {
        try
        {
            return ProcTableLoader.Load<VkInstanceApi>(name => VkLoader.GetInstanceProc(0, name),
                nameof(VkInstanceApi.vkDestroyInstance), nameof(VkInstanceApi.vkEnumeratePhysicalDevices),
                nameof(VkInstanceApi.vkGetPhysicalDeviceProperties), nameof(VkInstanceApi.vkGetPhysicalDeviceQueueFamilyProperties),
                nameof(VkInstanceApi.vkGetPhysicalDeviceMemoryProperties), nameof(VkInstanceApi.vkCreateDevice),
                nameof(VkInstanceApi.vkGetDeviceProcAddr), nameof(VkInstanceApi.vkCreateDebugUtilsMessengerEXT),
                nameof(VkInstanceApi.vkDestroyDebugUtilsMessengerEXT));
        }
        catch (DllNotFoundException e)
        {
            throw new SimRuntimeException($"The Vulkan loader {VkLoader.LibraryName} is not installed: {InstallHint}.", e);
        }
    }

    private static nint CreateInstance(ref VkInstanceApi vki, ValidationLog? log)
    {
        if (log != null && !HasLayer(vki, ValidationLayer))
        {
            throw new SimRuntimeException(
                $"Validation was requested but {ValidationLayer} is not installed: apt-get install vulkan-validationlayers.");
        }
        byte* appName = stackalloc byte[] { (byte)'s', (byte)'i', (byte)'m', 0 };
        var app = new VkApplicationInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_APPLICATION_INFO,
            pApplicationName = appName,
            pEngineName = appName,
            apiVersion = VkConst.VK_API_VERSION_1_3,
        };
        byte[] layerName = Encoding.ASCII.GetBytes(ValidationLayer + "\0");
        byte[] debugExt = Encoding.ASCII.GetBytes("VK_EXT_debug_utils\0");
        nint instance;
        fixed (byte* pLayer = layerName)
        fixed (byte* pExt = debugExt)
        {
            byte** layers = stackalloc byte*[1];
            byte** exts = stackalloc byte*[1];
            layers[0] = pLayer;
            exts[0] = pExt;
            // Chaining the messenger info also reports problems inside vkCreateInstance/vkDestroyInstance.
            VkDebugUtilsMessengerCreateInfoEXT chained = log != null ? MessengerInfo(log) : default;
            var info = new VkInstanceCreateInfo
            {
                sType = VkConst.VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
                pNext = log != null ? &chained : null,
                pApplicationInfo = &app,
                enabledLayerCount = log != null ? 1u : 0u,
                ppEnabledLayerNames = layers,
                enabledExtensionCount = log != null ? 1u : 0u,
                ppEnabledExtensionNames = exts,
            };
            int result = vki.vkCreateInstance(&info, null, &instance);
            if (result == VkConst.VK_ERROR_INCOMPATIBLE_DRIVER)
            {
                throw new SimRuntimeException($"No Vulkan 1.3 driver found (vkCreateInstance: VK_ERROR_INCOMPATIBLE_DRIVER): {InstallHint}.");
            }
            VkCheck.Check(result, "vkCreateInstance");
        }
        nint inst = instance;
        // Global commands resolve only with a null instance; keep them from the global table.
        VkInstanceApi global = vki;
        vki = ProcTableLoader.Load<VkInstanceApi>(name => VkLoader.GetInstanceProc(inst, name),
            nameof(VkInstanceApi.vkCreateInstance), nameof(VkInstanceApi.vkEnumerateInstanceLayerProperties),
            nameof(VkInstanceApi.vkCreateDebugUtilsMessengerEXT), nameof(VkInstanceApi.vkDestroyDebugUtilsMessengerEXT));
        vki.vkCreateInstance = global.vkCreateInstance;
        vki.vkEnumerateInstanceLayerProperties = global.vkEnumerateInstanceLayerProperties;
        return instance;
    }

    private static bool HasLayer(VkInstanceApi vki, string name)
    {
        uint count;
        VkCheck.Check(vki.vkEnumerateInstanceLayerProperties(&count, null));
        var layers = new VkLayerProperties[count];
        fixed (VkLayerProperties* p = layers)
        {
            VkCheck.Check(vki.vkEnumerateInstanceLayerProperties(&count, p));
            for (int i = 0; i < count; i++)
            {
                if (Marshal.PtrToStringUTF8((nint)p[i].layerName) == name)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
