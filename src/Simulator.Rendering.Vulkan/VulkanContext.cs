using System.Runtime.InteropServices;
using Silk.NET.Core.Contexts;
using Silk.NET.Vulkan;
using Simulator.Core;
using Simulator.Rendering.Vulkan.Interop;
using VkDevice = Silk.NET.Vulkan.Device;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// A Vulkan instance + device + graphics queue, headless by default (no surface, no window system); with
/// <see cref="RendererOptions.Presentation"/> it also owns the window's surface and a queue that presents to it.
/// One context can serve many renderers; it is not thread-safe (one thread records and submits).
/// </summary>
public sealed unsafe partial class VulkanContext : IDisposable
{
    private const string ValidationLayer = "VK_LAYER_KHRONOS_validation";
    private const string DebugUtilsExtension = "VK_EXT_debug_utils";
    private const string SwapchainExtension = "VK_KHR_swapchain";
    private const string LoaderLibrary = "libvulkan.so.1";
    private const string InstallHint = "apt-get install libvulkan1 mesa-vulkan-drivers";

    private static long s_liveContexts;

    private readonly DebugUtilsEntryPoints _debugUtils;
    private Instance _instance;
    private VkDevice _device;
    private DebugUtilsMessengerEXT _messenger;
    private SurfaceKHR _surface;
    private bool _disposed;

    /// <summary>The package's API object of this context: its function table belongs to this instance and device.</summary>
    internal readonly Vk Api;
    internal readonly Queue Queue;
    internal readonly uint QueueFamily;
    internal readonly PhysicalDeviceMemoryProperties MemoryProperties;
    internal readonly PhysicalDevice PhysicalHandle;

    /// <summary>VK_KHR_surface / VK_KHR_swapchain commands (null for a headless context).</summary>
    internal readonly KhrEntryPoints? Khr;

    private VulkanContext(Vk vk, Instance instance, ValidationLog? log, DebugUtilsEntryPoints debugUtils, DebugUtilsMessengerEXT messenger,
        KhrEntryPoints? khr, SurfaceKHR surface, SelectedDevice selected)
    {
        Api = vk;
        _instance = instance;
        _validationLog = log;
        _debugUtils = debugUtils;
        _messenger = messenger;
        Khr = khr;
        _surface = surface;
        Device = selected.Info;
        PhysicalDevice physical = selected.Handle;
        PhysicalHandle = physical;
        PhysicalDeviceProperties props;
        vk.GetPhysicalDeviceProperties(physical, &props);
        MaxImageDimension2D = props.Limits.MaxImageDimension2D;
        MaxImageArrayLayers = Math.Min(props.Limits.MaxImageArrayLayers, props.Limits.MaxFramebufferLayers);
        MaxStorageBufferRange = props.Limits.MaxStorageBufferRange;
        PhysicalDeviceMemoryProperties mem;
        vk.GetPhysicalDeviceMemoryProperties(physical, &mem);
        MemoryProperties = mem;
        QueueFamily = selected.GraphicsFamily;
        PresentQueueFamily = selected.PresentFamily;
        _device = CreateDevice(vk, physical, QueueFamily, khr != null ? PresentQueueFamily : QueueFamily, presenting: khr != null);
        // vkCreateDevice made the device current on the Vk object: device commands now load through vkGetDeviceProcAddr.
        Queue queue;
        vk.GetDeviceQueue(_device, QueueFamily, 0, &queue);
        Queue = queue;
        if (khr != null)
        {
            try
            {
                khr.LoadDevice(vk, _device);
            }
            catch
            {
                vk.DestroyDevice(_device, null);
                vk.CurrentDevice = null;
                throw;
            }
            vk.GetDeviceQueue(_device, PresentQueueFamily, 0, &queue);
            PresentQueue = queue;
        }
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

    /// <summary>True when the context was created with <see cref="RendererOptions.Presentation"/>.</summary>
    public bool CanPresent => Khr != null;

    /// <summary>The window surface the host created (owned by this context); a null handle when headless.</summary>
    public SurfaceKHR Surface => _surface;

    /// <summary>Queue that presents to <see cref="Surface"/>: the graphics queue when its family can present,
    /// else one of a second family; a null handle when headless.</summary>
    public Queue PresentQueue { get; }

    /// <summary>Family of <see cref="PresentQueue"/> (equals the graphics family when one family does both).</summary>
    public uint PresentQueueFamily { get; }

    /// <summary>Contexts created and not yet disposed in this process (for leak tests).</summary>
    public static long LiveContexts => Interlocked.Read(ref s_liveContexts);

    internal VkDevice DeviceHandle => _device;

    /// <summary>Opens the Vulkan loader, picks a device per <paramref name="options"/> and creates the device.</summary>
    public static VulkanContext Create(RendererOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PresentationOptions? presentation = options.Presentation;
        if (presentation != null)
        {
            ArgumentNullException.ThrowIfNull(presentation.InstanceExtensions);
            ArgumentNullException.ThrowIfNull(presentation.CreateSurface);
        }
        Vk vk = CreateApi();
        ValidationLog? log = null;
        Instance instance = default;
        DebugUtilsEntryPoints debugUtils = default;
        DebugUtilsMessengerEXT messenger = default;
        KhrEntryPoints? khr = null;
        SurfaceKHR surface = default;
        try
        {
            log = options.ValidationResolved ? new ValidationLog() : null;
            instance = CreateInstance(vk, log, presentation?.InstanceExtensions ?? []);
            if (log != null)
            {
                debugUtils = new DebugUtilsEntryPoints(vk, instance);
                if (debugUtils.vkCreateDebugUtilsMessengerEXT == null || debugUtils.vkDestroyDebugUtilsMessengerEXT == null)
                {
                    throw new SimRuntimeException($"The Vulkan loader enabled {DebugUtilsExtension} but does not provide its commands; reinstall libvulkan1.");
                }
                DebugUtilsMessengerCreateInfoEXT info = MessengerInfo(log);
                DebugUtilsMessengerEXT created;
                VkCheck.Check(debugUtils.vkCreateDebugUtilsMessengerEXT(instance, &info, null, &created));
                messenger = created;
            }
            if (presentation != null)
            {
                khr = KhrEntryPoints.LoadInstance(vk, instance);
                surface = new SurfaceKHR(presentation.CreateSurface(instance.Handle));
                if (surface.Handle == 0)
                {
                    throw new SimRuntimeException("The window host could not create a Vulkan surface for its window (CreateSurface returned 0).");
                }
            }
            SelectedDevice chosen = SelectDevice(vk, instance, options.Gpu, khr, surface);
            return new VulkanContext(vk, instance, log, debugUtils, messenger, khr, surface, chosen);
        }
        catch
        {
            if (surface.Handle != 0)
            {
                khr!.vkDestroySurfaceKHR(instance, surface, null);
            }
            if (messenger.Handle != 0)
            {
                debugUtils.vkDestroyDebugUtilsMessengerEXT(instance, messenger, null);
            }
            if (instance.Handle != 0)
            {
                vk.DestroyInstance(instance, null);
            }
            vk.Dispose();
            log?.Dispose();
            throw;
        }
    }

    /// <summary>Lists the Vulkan devices the loader sees (creates and destroys a temporary instance).</summary>
    public static IReadOnlyList<GpuDeviceInfo> ListDevices()
    {
        using Vk vk = CreateApi();
        Instance instance = CreateInstance(vk, null, []);
        try
        {
            return EnumerateDevices(vk, instance, null, default).Select(d => d.Info).ToArray();
        }
        finally
        {
            vk.DestroyInstance(instance, null);
        }
    }

    /// <summary>A <see cref="Vk"/> whose commands resolve, in order: through vkGetDeviceProcAddr once a device is
    /// current (so per-frame recording calls the driver, not the loader's dispatch trampolines), from the loader
    /// library's exports, then through vkGetInstanceProcAddr (instance extensions).</summary>
    private static Vk CreateApi()
    {
        INativeContext library;
        try
        {
            library = Vk.CreateDefaultContext([LoaderLibrary, "vulkan-1.dll"]);
        }
        catch (FileNotFoundException e)
        {
            throw new SimRuntimeException($"The Vulkan loader {LoaderLibrary} is not installed: {InstallHint}.", e);
        }
        Vk vk = null!;
        var deviceLevel = new LamdaNativeContext(name =>
            vk.CurrentDevice is { } d && !name.EndsWith("ProcAddr", StringComparison.Ordinal) ? (nint)vk.GetDeviceProcAddr(d, name) : 0);
        var instanceLevel = new LamdaNativeContext(name =>
            vk.CurrentInstance is { } i && !name.EndsWith("ProcAddr", StringComparison.Ordinal) ? (nint)vk.GetInstanceProcAddr(i, name) : 0);
        vk = new Vk(new MultiNativeContext(deviceLevel, library, instanceLevel));
        return vk;
    }

    private static Instance CreateInstance(Vk vk, ValidationLog? log, IReadOnlyList<string> presentationExtensions)
    {
        if (log != null && !HasLayer(vk, ValidationLayer))
        {
            throw new SimRuntimeException(
                $"Validation was requested but {ValidationLayer} is not installed: apt-get install vulkan-validationlayers.");
        }
        var extensions = new List<string>(presentationExtensions);
        if (log != null && !extensions.Contains(DebugUtilsExtension))
        {
            extensions.Add(DebugUtilsExtension);
        }
        RequireInstanceExtensions(vk, presentationExtensions);
        byte* appName = stackalloc byte[] { (byte)'s', (byte)'i', (byte)'m', 0 };
        var app = new ApplicationInfo
        {
            SType = StructureType.ApplicationInfo,
            PApplicationName = appName,
            PEngineName = appName,
            ApiVersion = Vk.Version13,
        };
        nint layerName = Marshal.StringToCoTaskMemUTF8(ValidationLayer);
        nint* extensionNames = stackalloc nint[extensions.Count];
        try
        {
            for (int i = 0; i < extensions.Count; i++)
            {
                extensionNames[i] = Marshal.StringToCoTaskMemUTF8(extensions[i]);
            }
            // Chaining the messenger info also reports problems inside vkCreateInstance/vkDestroyInstance.
            DebugUtilsMessengerCreateInfoEXT chained = log != null ? MessengerInfo(log) : default;
            var info = new InstanceCreateInfo
            {
                SType = StructureType.InstanceCreateInfo,
                PNext = log != null ? &chained : null,
                PApplicationInfo = &app,
                EnabledLayerCount = log != null ? 1u : 0u,
                PpEnabledLayerNames = (byte**)&layerName,
                EnabledExtensionCount = (uint)extensions.Count,
                PpEnabledExtensionNames = (byte**)extensionNames,
            };
            Instance instance;
            Result result = vk.CreateInstance(&info, null, &instance);
            if (result == Result.ErrorIncompatibleDriver)
            {
                throw new SimRuntimeException($"No Vulkan 1.3 driver found (vkCreateInstance: VK_ERROR_INCOMPATIBLE_DRIVER): {InstallHint}.");
            }
            VkCheck.Check(result, "vkCreateInstance");
            return instance;
        }
        finally
        {
            for (int i = 0; i < extensions.Count; i++)
            {
                Marshal.FreeCoTaskMem(extensionNames[i]);
            }
            Marshal.FreeCoTaskMem(layerName);
        }
    }

    /// <summary>Fails with one message naming every requested instance extension the loader and drivers lack.</summary>
    private static void RequireInstanceExtensions(Vk vk, IReadOnlyList<string> requested)
    {
        if (requested.Count == 0)
        {
            return;
        }
        uint count;
        VkCheck.Check(vk.EnumerateInstanceExtensionProperties((byte*)null, &count, null));
        var properties = new ExtensionProperties[count];
        fixed (ExtensionProperties* p = properties)
        {
            VkCheck.Check(vk.EnumerateInstanceExtensionProperties((byte*)null, &count, p));
        }
        var available = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            fixed (byte* name = properties[i].ExtensionName)
            {
                available.Add(Marshal.PtrToStringUTF8((nint)name) ?? "");
            }
        }
        string[] missing = requested.Where(e => !available.Contains(e)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            throw new SimRuntimeException(
                $"The Vulkan instance extension{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)} requested for the window " +
                $"{(missing.Length > 1 ? "are" : "is")} not available (available: {string.Join(", ", available.Order(StringComparer.Ordinal))}). " +
                $"Install a driver with window-system support ({InstallHint}) or run headless.");
        }
    }

    private static bool HasLayer(Vk vk, string name)
    {
        uint count;
        VkCheck.Check(vk.EnumerateInstanceLayerProperties(&count, null));
        var layers = new LayerProperties[count];
        fixed (LayerProperties* p = layers)
        {
            VkCheck.Check(vk.EnumerateInstanceLayerProperties(&count, p));
            for (int i = 0; i < count; i++)
            {
                if (Marshal.PtrToStringUTF8((nint)p[i].LayerName) == name)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
