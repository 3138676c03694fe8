using System.Runtime.CompilerServices;
using Simulator.Core;

namespace Simulator.Rendering.Vulkan.Tests;

/// <summary>The benchmarks measure frames/s, so this test host keeps freed native memory like the CLI does.</summary>
internal static class HostOptIn
{
#pragma warning disable CA2255 // a test assembly is a host: it opts in once, before any test runs
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply() => NativeHeap.KeepFreedMemory();
}
