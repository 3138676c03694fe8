using System.Globalization;
using System.Runtime.InteropServices;
using Simulator.Core;
using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan;

public sealed unsafe partial class VulkanContext
{
    private static List<(nint Handle, GpuDeviceInfo Info)> EnumerateDevices(VkInstanceApi vki, nint instance)
    {
        uint count;
        VkCheck.Check(vki.vkEnumeratePhysicalDevices(instance, &count, null));
        var handles = new nint[count];
        fixed (nint* p = handles)
        {
            VkCheck.Check(vki.vkEnumeratePhysicalDevices(instance, &count, p));
        }
        var result = new List<(nint, GpuDeviceInfo)>((int)count);
        for (int i = 0; i < count; i++)
        {
            VkPhysicalDeviceProperties props;
            vki.vkGetPhysicalDeviceProperties(handles[i], &props);
            string name = Marshal.PtrToStringUTF8((nint)props.deviceName) ?? "?";
            uint v = props.apiVersion;
            string version = $"{(v >> 22) & 0x7F}.{(v >> 12) & 0x3FF}.{v & 0xFFF}";
            bool suitable = v >= VkConst.VK_API_VERSION_1_3 && HasGraphicsQueue(vki, handles[i]);
            result.Add((handles[i], new GpuDeviceInfo(i, name, (GpuDeviceType)props.deviceType, version, suitable)));
        }
        return result;
    }

    private static (nint, GpuDeviceInfo) SelectDevice(VkInstanceApi vki, nint instance, string selector)
    {
        List<(nint Handle, GpuDeviceInfo Info)> devices = EnumerateDevices(vki, instance);
        if (devices.Count == 0)
        {
            throw new SimRuntimeException($"No Vulkan device found: {InstallHint} (lavapipe renders on the CPU).");
        }
        string listing = string.Join("; ", devices.Select(d => d.Info.ToString()));
        string sel = string.IsNullOrWhiteSpace(selector) ? "auto" : selector.Trim();
        if (sel.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            var best = devices.Where(d => d.Info.Suitable).OrderByDescending(d => TypeRank(d.Info.Type)).ThenBy(d => d.Info.Index).FirstOrDefault();
            if (best.Handle == 0)
            {
                throw new SimRuntimeException($"No Vulkan device supports Vulkan 1.3 with a graphics queue. Devices: {listing}. Update the driver or {InstallHint}.");
            }
            return best;
        }
        (nint, GpuDeviceInfo) chosen;
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
            if (chosen.Item1 == 0)
            {
                throw new SimInputException($"no GPU name contains '{sel}'", path: "gpu",
                    hint: $"use 'auto', an index or a part of one of these names: {listing}");
            }
        }
        if (!chosen.Item2.Suitable)
        {
            throw new SimInputException($"GPU {chosen.Item2} cannot be used", path: "gpu", hint: $"pick another device: {listing}");
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

    private static bool HasGraphicsQueue(VkInstanceApi vki, nint physical)
    {
        try
        {
            FindGraphicsQueueFamily(vki, physical);
            return true;
        }
        catch (SimRuntimeException)
        {
            return false;
        }
    }

    private static uint FindGraphicsQueueFamily(VkInstanceApi vki, nint physical)
    {
        uint count;
        vki.vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, null);
        VkQueueFamilyProperties* families = stackalloc VkQueueFamilyProperties[(int)Math.Min(count, 64u)];
        count = Math.Min(count, 64u);
        vki.vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, families);
        for (uint i = 0; i < count; i++)
        {
            if ((families[i].queueFlags & VkConst.VK_QUEUE_GRAPHICS_BIT) != 0 && families[i].queueCount > 0)
            {
                return i;
            }
        }
        throw new SimRuntimeException("The Vulkan device has no graphics queue.");
    }

    private static nint CreateDevice(VkInstanceApi vki, nint physical, uint family)
    {
        float priority = 1f;
        var queueInfo = new VkDeviceQueueCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
            queueFamilyIndex = family,
            queueCount = 1,
            pQueuePriorities = &priority,
        };
        // Layered rendering (gl_Layer from the vertex shader) renders all cameras of a batch in one pass;
        // dynamic rendering avoids render-pass and framebuffer objects.
        var f13 = new VkPhysicalDeviceVulkan13Features
        {
            sType = VkConst.VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES,
            dynamicRendering = 1,
        };
        var f12 = new VkPhysicalDeviceVulkan12Features
        {
            sType = VkConst.VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES,
            pNext = &f13,
            shaderOutputLayer = 1,
        };
        var info = new VkDeviceCreateInfo
        {
            sType = VkConst.VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
            pNext = &f12,
            queueCreateInfoCount = 1,
            pQueueCreateInfos = &queueInfo,
        };
        nint device;
        int result = vki.vkCreateDevice(physical, &info, null, &device);
        if (result == VkConst.VK_ERROR_FEATURE_NOT_PRESENT)
        {
            throw new SimRuntimeException("The Vulkan device lacks dynamicRendering or shaderOutputLayer (Vulkan 1.2/1.3 features the batched renderer needs); update the driver.");
        }
        VkCheck.Check(result, "vkCreateDevice");
        return device;
    }

    /// <summary>Waits for the device to go idle, then destroys device, messenger and instance (in that order).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_device != 0)
        {
            Api.vkDeviceWaitIdle(_device);
            Api.vkDestroyDevice(_device, null);
            _device = 0;
        }
        if (_messenger != 0)
        {
            _vki.vkDestroyDebugUtilsMessengerEXT(_instance, _messenger, null);
            _messenger = 0;
        }
        _vki.vkDestroyInstance(_instance, null);
        _instance = 0;
        _validationLog?.Dispose();
        Interlocked.Decrement(ref s_liveContexts);
    }
}
