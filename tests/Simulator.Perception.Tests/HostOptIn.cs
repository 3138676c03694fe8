using System.Runtime.CompilerServices;
using Simulator.Torch;

namespace Simulator.Perception.Tests;

/// <summary>This test host opts in to the tuned libtorch threading like the CLI does, before any test touches
/// libtorch.</summary>
internal static class HostOptIn
{
#pragma warning disable CA2255 // a test assembly is a host: it opts in once, before any test runs
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply() => TorchRuntime.ConfigureThreading();
}
