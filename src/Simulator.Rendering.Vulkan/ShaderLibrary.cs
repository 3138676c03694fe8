using Simulator.Core;

namespace Simulator.Rendering.Vulkan;

/// <summary>SPIR-V compiled at build time from Shaders/*.vert|frag and embedded under its file name.</summary>
internal static class ShaderLibrary
{
    public static byte[] Load(string name)
    {
        using Stream? s = typeof(ShaderLibrary).Assembly.GetManifestResourceStream(name)
            ?? throw new SimRuntimeException($"Embedded shader {name} is missing; rebuild Simulator.Rendering.Vulkan (needs glslang-tools).");
        var bytes = new byte[s.Length];
        s.ReadExactly(bytes);
        return bytes;
    }
}
