using System.Runtime.CompilerServices;
using Simulator.Core;
using Simulator.Rendering.Vulkan.Interop;

namespace Simulator.Rendering.Vulkan;

/// <summary>Checks every VkResult in every build configuration and turns failures into one clear message.</summary>
internal static class VkCheck
{
    /// <summary>Throws when <paramref name="result"/> is an error; the Vulkan function is named from the call text.</summary>
    public static void Check(int result, [CallerArgumentExpression(nameof(result))] string call = "")
    {
        if (result >= 0)
        {
            return;
        }
        throw Failure(result, FunctionName(call));
    }

    public static SimRuntimeException Failure(int result, string function)
    {
        string name = ResultName(result);
        string hint = result switch
        {
            VkConst.VK_ERROR_DEVICE_LOST => " The GPU device was lost (driver reset or crash); restart the run.",
            VkConst.VK_ERROR_OUT_OF_HOST_MEMORY => " The process ran out of host memory; lower the batch size or resolution.",
            VkConst.VK_ERROR_OUT_OF_DEVICE_MEMORY => " The GPU ran out of memory; lower the batch size or resolution.",
            VkConst.VK_ERROR_INCOMPATIBLE_DRIVER => " No Vulkan 1.3 driver is installed: apt-get install libvulkan1 mesa-vulkan-drivers.",
            VkConst.VK_ERROR_LAYER_NOT_PRESENT => " The validation layer is missing: apt-get install vulkan-validationlayers.",
            _ => "",
        };
        return new SimRuntimeException($"Vulkan call {function} failed with {name} ({result}).{hint}");
    }

    /// <summary>Extracts "vkCreateBuffer" from a call text such as "_api.vkCreateBuffer(_device, &amp;info, null, &amp;b)".</summary>
    internal static string FunctionName(string call)
    {
        int paren = call.IndexOf('(', StringComparison.Ordinal);
        string head = paren >= 0 ? call[..paren] : call;
        int dot = head.LastIndexOf('.');
        return dot >= 0 ? head[(dot + 1)..] : head;
    }

    public static string ResultName(int result) => result switch
    {
        VkConst.VK_SUCCESS => "VK_SUCCESS",
        VkConst.VK_NOT_READY => "VK_NOT_READY",
        VkConst.VK_TIMEOUT => "VK_TIMEOUT",
        VkConst.VK_INCOMPLETE => "VK_INCOMPLETE",
        VkConst.VK_ERROR_OUT_OF_HOST_MEMORY => "VK_ERROR_OUT_OF_HOST_MEMORY",
        VkConst.VK_ERROR_OUT_OF_DEVICE_MEMORY => "VK_ERROR_OUT_OF_DEVICE_MEMORY",
        VkConst.VK_ERROR_INITIALIZATION_FAILED => "VK_ERROR_INITIALIZATION_FAILED",
        VkConst.VK_ERROR_DEVICE_LOST => "VK_ERROR_DEVICE_LOST",
        -5 => "VK_ERROR_MEMORY_MAP_FAILED",
        VkConst.VK_ERROR_LAYER_NOT_PRESENT => "VK_ERROR_LAYER_NOT_PRESENT",
        VkConst.VK_ERROR_EXTENSION_NOT_PRESENT => "VK_ERROR_EXTENSION_NOT_PRESENT",
        VkConst.VK_ERROR_FEATURE_NOT_PRESENT => "VK_ERROR_FEATURE_NOT_PRESENT",
        VkConst.VK_ERROR_INCOMPATIBLE_DRIVER => "VK_ERROR_INCOMPATIBLE_DRIVER",
        -10 => "VK_ERROR_TOO_MANY_OBJECTS",
        -11 => "VK_ERROR_FORMAT_NOT_SUPPORTED",
        -12 => "VK_ERROR_FRAGMENTED_POOL",
        -13 => "VK_ERROR_UNKNOWN",
        -1000069000 => "VK_ERROR_OUT_OF_POOL_MEMORY",
        _ => "VkResult",
    };
}
