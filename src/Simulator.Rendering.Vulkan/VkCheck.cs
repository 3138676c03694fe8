using System.Runtime.CompilerServices;
using System.Text;
using Silk.NET.Vulkan;
using Simulator.Core;

namespace Simulator.Rendering.Vulkan;

/// <summary>Checks every VkResult in every build configuration and turns failures into one clear message.</summary>
internal static class VkCheck
{
    /// <summary>Throws when <paramref name="result"/> is an error; the Vulkan function is named from the call text.</summary>
    public static void Check(Result result, [CallerArgumentExpression(nameof(result))] string call = "")
    {
        if (result >= 0)
        {
            return;
        }
        throw Failure(result, FunctionName(call));
    }

    public static SimRuntimeException Failure(Result result, string function)
    {
        string hint = result switch
        {
            Result.ErrorDeviceLost => " The GPU device was lost (driver reset or crash); restart the run.",
            Result.ErrorOutOfHostMemory => " The process ran out of host memory; lower the batch size or resolution.",
            Result.ErrorOutOfDeviceMemory => " The GPU ran out of memory; lower the batch size or resolution.",
            Result.ErrorIncompatibleDriver => " No Vulkan 1.3 driver is installed: apt-get install libvulkan1 mesa-vulkan-drivers.",
            Result.ErrorLayerNotPresent => " The validation layer is missing: apt-get install vulkan-validationlayers.",
            _ => "",
        };
        return new SimRuntimeException($"Vulkan call {function} failed with {ResultName(result)} ({(int)result}).{hint}");
    }

    /// <summary>Extracts "vkCreateBuffer" from a call text such as "_api.vkCreateBuffer(_device, &amp;info, null, &amp;b)";
    /// a package call such as "Api.CreateBuffer(...)" gets its native "vk" prefix back.</summary>
    internal static string FunctionName(string call)
    {
        int paren = call.IndexOf('(', StringComparison.Ordinal);
        string head = paren >= 0 ? call[..paren] : call;
        int dot = head.LastIndexOf('.');
        string name = dot >= 0 ? head[(dot + 1)..] : head;
        return name.StartsWith("vk", StringComparison.Ordinal) ? name : "vk" + name;
    }

    /// <summary>The native name of a result, e.g. Result.ErrorDeviceLost → "VK_ERROR_DEVICE_LOST".</summary>
    public static string ResultName(Result result)
    {
        string managed = result.ToString();
        if (!Enum.IsDefined(result))
        {
            return "VkResult";
        }
        var native = new StringBuilder("VK_", managed.Length + 8);
        for (int i = 0; i < managed.Length; i++)
        {
            char c = managed[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(managed[i - 1]))
            {
                native.Append('_');
            }
            native.Append(char.ToUpperInvariant(c));
        }
        return native.ToString();
    }
}
