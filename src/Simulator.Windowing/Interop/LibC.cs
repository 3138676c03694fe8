using System.Runtime.InteropServices;

namespace Simulator.Windowing.Interop;

/// <summary>The C library's environment: what GLFW reads (on Unix .NET keeps its own copy).</summary>
internal static unsafe partial class LibC
{
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial byte* getenv(string name);
}
