using System.Runtime.InteropServices;
using System.Text;

namespace Simulator.Rendering.Vulkan.Interop;

/// <summary>The one exported entry point of the Vulkan loader; everything else is resolved through it.</summary>
internal static unsafe partial class VkLoader
{
    public const string LibraryName = "libvulkan.so.1";

    [DllImport(LibraryName, EntryPoint = "vkGetInstanceProcAddr")]
    public static extern nint vkGetInstanceProcAddr(nint instance, byte* pName);

    /// <summary>Resolves an instance-level (or global, when instance is 0) command; 0 when absent.</summary>
    public static nint GetInstanceProc(nint instance, string name)
    {
        Span<byte> utf8 = stackalloc byte[128];
        int n = Encoding.ASCII.GetBytes(name, utf8);
        utf8[n] = 0;
        fixed (byte* p = utf8)
        {
            return vkGetInstanceProcAddr(instance, p);
        }
    }

    /// <summary>Resolves a device-level command through vkGetDeviceProcAddr; 0 when absent.</summary>
    public static nint GetDeviceProc(delegate* unmanaged<nint, byte*, nint> getDeviceProcAddr, nint device, string name)
    {
        Span<byte> utf8 = stackalloc byte[128];
        int n = Encoding.ASCII.GetBytes(name, utf8);
        utf8[n] = 0;
        fixed (byte* p = utf8)
        {
            return getDeviceProcAddr(device, p);
        }
    }
}
