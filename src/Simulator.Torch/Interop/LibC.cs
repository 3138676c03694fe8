using System.Runtime.InteropServices;

namespace Simulator.Torch.Interop;

/// <summary>The C library's view of the environment (the one native libraries read; on Unix .NET keeps its own copy).</summary>
internal static unsafe class LibC
{
    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false)]
    internal static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false)]
    internal static extern byte* getenv(string name);
}
