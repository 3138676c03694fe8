using System.Reflection;
using System.Runtime.InteropServices;
using Simulator.Core;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// Fills a table of <c>delegate* unmanaged</c> fields by resolving each field's name (the native command name).
/// Runs once per instance/device, so reflection here costs nothing on the render path.
/// </summary>
internal static unsafe class ProcTableLoader
{
    public static T Load<T>(Func<string, nint> resolve, params string[] optional) where T : unmanaged
    {
        T table = default;
        byte* basePtr = (byte*)&table;
        foreach (FieldInfo field in typeof(T).GetFields(BindingFlags.Instance | BindingFlags.Public))
        {
            nint address = resolve(field.Name);
            if (address == 0 && Array.IndexOf(optional, field.Name) < 0)
            {
                throw new SimRuntimeException(
                    $"The Vulkan driver does not provide {field.Name}; a Vulkan 1.3 driver is needed " +
                    "(apt-get install libvulkan1 mesa-vulkan-drivers, or update the GPU driver).");
            }
            int offset = (int)Marshal.OffsetOf<T>(field.Name);
            *(nint*)(basePtr + offset) = address;
        }
        return table;
    }
}
