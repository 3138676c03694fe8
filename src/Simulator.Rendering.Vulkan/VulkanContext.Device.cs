using System.Globalization;
using System.Runtime.InteropServices;
using Silk.NET.Core;
using Silk.NET.Vulkan;
using Simulator.Core;
using Simulator.Rendering.Vulkan.Interop;
using VkDevice = Silk.NET.Vulkan.Device;

namespace Simulator.Rendering.Vulkan;

public sealed unsafe partial class VulkanContext
{
    /// <summary>A physical device with the queue families it would use (present = graphics when headless).</summary>
    private readonly record struct SelectedDevice(PhysicalDevice Handle, GpuDeviceInfo Info, uint GraphicsFamily, uint PresentFamily);

    private static List<SelectedDevice> EnumerateDevices(Vk vk, Instance instance, KhrEntryPoints? khr, SurfaceKHR surface)
    {
        uint count;
        VkCheck.Check(vk.EnumeratePhysicalDevices(instance, &count, null));
        var handles = new PhysicalDevice[count];
        fixed (PhysicalDevice* p = handles)
        {
            VkCheck.Check(vk.EnumeratePhysicalDevices(instance, &count, p));
        }
        var result = new List<SelectedDevice>((int)count);
        for (int i = 0; i < count; i++)
        {
            PhysicalDeviceProperties props;
            vk.GetPhysicalDeviceProperties(handles[i], &props);
            string name = Marshal.PtrToStringUTF8((nint)props.DeviceName) ?? "?";
            uint v = props.ApiVersion;
            string version = $"{(v >> 22) & 0x7F}.{(v >> 12) & 0x3FF}.{v & 0xFFF}";
            (uint graphics, uint present) = ChooseQueueFamilies(vk, handles[i], khr, surface);
            bool suitable = v >= Vk.Version13 && graphics != uint.MaxValue && present != uint.MaxValue
                && (khr == null || HasDeviceExtension(vk, handles[i], SwapchainExtension));
            result.Add(new SelectedDevice(handles[i], new GpuDeviceInfo(i, name, (GpuDeviceType)props.DeviceType, version, suitable), graphics, present));
        }
        return result;
    }

    private static SelectedDevice SelectDevice(Vk vk, Instance instance, string selector, KhrEntryPoints? khr, SurfaceKHR surface)
    {
        List<SelectedDevice> devices = EnumerateDevices(vk, instance, khr, surface);
        if (devices.Count == 0)
        {
            throw new SimRuntimeException($"No Vulkan device found: {InstallHint} (lavapipe renders on the CPU).");
        }
        string listing = string.Join("; ", devices.Select(d => d.Info.ToString()));
        string needs = khr != null ? $"Vulkan 1.3 with a graphics queue, {SwapchainExtension} and a queue that presents to the window" : "Vulkan 1.3 with a graphics queue";
        string sel = string.IsNullOrWhiteSpace(selector) ? "auto" : selector.Trim();
        if (sel.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            SelectedDevice best = devices.Where(d => d.Info.Suitable).OrderByDescending(d => TypeRank(d.Info.Type)).ThenBy(d => d.Info.Index).FirstOrDefault();
            if (best.Info == null)
            {
                throw new SimRuntimeException($"No Vulkan device supports {needs}. Devices: {listing}. Update the driver or {InstallHint}.");
            }
            return best;
        }
        SelectedDevice chosen;
        if (int.TryParse(sel, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            if (index >= devices.Count)
            {
                throw new SimInputException($"GPU index {index} does not exist", path: "gpu",
                    hint: $"available devices: {listing}");
            }
            chosen = devices[index];
        }
        else
        {
            chosen = devices.FirstOrDefault(d => d.Info.Name.Contains(sel, StringComparison.OrdinalIgnoreCase));
            if (chosen.Info == null)
            {
                throw new SimInputException($"no GPU name contains '{sel}'", path: "gpu",
                    hint: $"use 'auto', an index or a part of one of these names: {listing}");
            }
        }
        if (!chosen.Info.Suitable)
        {
            throw new SimInputException($"GPU {chosen.Info} cannot be used (needs {needs})", path: "gpu", hint: $"pick another device: {listing}");
        }
        return chosen;
    }

    private static int TypeRank(GpuDeviceType type) => type switch
    {
        GpuDeviceType.DiscreteGpu => 4,
        GpuDeviceType.IntegratedGpu => 3,
        GpuDeviceType.VirtualGpu => 2,
        GpuDeviceType.Cpu => 1,
        _ => 0,
    };

    /// <summary>Graphics and present queue families (uint.MaxValue when missing). Headless: present = graphics.
    /// With a surface, one family doing both is preferred; otherwise the first graphics family and the first family
    /// that can present.</summary>
    private static (uint Graphics, uint Present) ChooseQueueFamilies(Vk vk, PhysicalDevice physical, KhrEntryPoints? khr, SurfaceKHR surface)
    {
        uint count;
        vk.GetPhysicalDeviceQueueFamilyProperties(physical, &count, null);
        count = Math.Min(count, 64u);
        QueueFamilyProperties* families = stackalloc QueueFamilyProperties[(int)count];
        vk.GetPhysicalDeviceQueueFamilyProperties(physical, &count, families);
        uint graphics = uint.MaxValue, present = uint.MaxValue;
        for (uint i = 0; i < count; i++)
        {
            bool isGraphics = (families[i].QueueFlags & QueueFlags.GraphicsBit) != 0 && families[i].QueueCount > 0;
            bool canPresent = khr == null ? isGraphics : FamilyCanPresent(khr, physical, i, surface) && families[i].QueueCount > 0;
            if (isGraphics && canPresent)
            {
                return (i, i);
            }
            if (isGraphics && graphics == uint.MaxValue)
            {
                graphics = i;
            }
            if (canPresent && present == uint.MaxValue)
            {
                present = i;
            }
        }
        return (graphics, present);
    }

    private static bool FamilyCanPresent(KhrEntryPoints khr, PhysicalDevice physical, uint family, SurfaceKHR surface)
    {
        Bool32 supported;
        VkCheck.Check(khr.vkGetPhysicalDeviceSurfaceSupportKHR(physical, family, surface, &supported), "vkGetPhysicalDeviceSurfaceSupportKHR");
        return supported;
    }

    private static bool HasDeviceExtension(Vk vk, PhysicalDevice physical, string name)
    {
        uint count;
        VkCheck.Check(vk.EnumerateDeviceExtensionProperties(physical, (byte*)null, &count, null));
        var properties = new ExtensionProperties[count];
        fixed (ExtensionProperties* p = properties)
        {
            VkCheck.Check(vk.EnumerateDeviceExtensionProperties(physical, (byte*)null, &count, p));
            for (int i = 0; i < count; i++)
            {
                if (Marshal.PtrToStringUTF8((nint)p[i].ExtensionName) == name)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static VkDevice CreateDevice(Vk vk, PhysicalDevice physical, uint graphicsFamily, uint presentFamily, bool presenting)
    {
        float priority = 1f;
        DeviceQueueCreateInfo* queueInfos = stackalloc DeviceQueueCreateInfo[2];
        queueInfos[0] = new DeviceQueueCreateInfo
        {
            SType = StructureType.DeviceQueueCreateInfo,
            QueueFamilyIndex = graphicsFamily,
            QueueCount = 1,
            PQueuePriorities = &priority,
        };
        queueInfos[1] = queueInfos[0];
        queueInfos[1].QueueFamilyIndex = presentFamily;
        // Layered rendering (gl_Layer from the vertex shader) renders all cameras of a batch in one pass;
        // dynamic rendering avoids render-pass and framebuffer objects.
        var f13 = new PhysicalDeviceVulkan13Features
        {
            SType = StructureType.PhysicalDeviceVulkan13Features,
            DynamicRendering = true,
        };
        var f12 = new PhysicalDeviceVulkan12Features
        {
            SType = StructureType.PhysicalDeviceVulkan12Features,
            PNext = &f13,
            ShaderOutputLayer = true,
        };
        nint swapchain = Marshal.StringToCoTaskMemUTF8(SwapchainExtension);
        try
        {
            var info = new DeviceCreateInfo
            {
                SType = StructureType.DeviceCreateInfo,
                PNext = &f12,
                QueueCreateInfoCount = presentFamily != graphicsFamily ? 2u : 1u,
                PQueueCreateInfos = queueInfos,
                EnabledExtensionCount = presenting ? 1u : 0u,
                PpEnabledExtensionNames = presenting ? (byte**)&swapchain : null,
            };
            VkDevice device;
            Result result = vk.CreateDevice(physical, &info, null, &device);
            if (result == Result.ErrorFeatureNotPresent)
            {
                throw new SimRuntimeException("The Vulkan device lacks dynamicRendering or shaderOutputLayer (Vulkan 1.2/1.3 features the batched renderer needs); update the driver.");
            }
            VkCheck.Check(result, "vkCreateDevice");
            return device;
        }
        finally
        {
            Marshal.FreeCoTaskMem(swapchain);
        }
    }

    /// <summary>Waits for the device to go idle, then destroys device, surface, messenger and instance (in that order).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_device.Handle != 0)
        {
            Api.DeviceWaitIdle(_device);
            Api.DestroyDevice(_device, null);
            // Commands loaded from here on (vkDestroyInstance...) must not be looked up through the destroyed device.
            Api.CurrentDevice = null;
            _device = default;
        }
        if (_surface.Handle != 0)
        {
            Khr!.vkDestroySurfaceKHR(_instance, _surface, null);
            _surface = default;
        }
        if (_messenger.Handle != 0)
        {
            _debugUtils.vkDestroyDebugUtilsMessengerEXT(_instance, _messenger, null);
            _messenger = default;
        }
        Api.DestroyInstance(_instance, null);
        _instance = default;
        Api.Dispose();
        _validationLog?.Dispose();
        Interlocked.Decrement(ref s_liveContexts);
    }
}
