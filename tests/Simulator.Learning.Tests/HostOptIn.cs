using System.Runtime.CompilerServices;
using Simulator.Core;
using Simulator.Torch;

namespace Simulator.Learning.Tests;

/// <summary>The training tests and benchmarks measure speed, so this test host opts in like the CLI does, before
/// any test touches libtorch.</summary>
internal static class HostOptIn
{
#pragma warning disable CA2255 // a test assembly is a host: it opts in once, before any test runs
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        NativeHeap.KeepFreedMemory();
        TorchRuntime.ConfigureThreading();
    }
}
