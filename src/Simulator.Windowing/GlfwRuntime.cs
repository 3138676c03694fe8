using System.Runtime.InteropServices;
using Simulator.Windowing.Interop;

namespace Simulator.Windowing;

/// <summary>
/// GLFW's process-wide state, reference-counted by the windows that exist: the first window initialises GLFW, the last
/// one disposed terminates it, so nothing stays behind once every window is gone. GLFW is not thread-safe: all
/// windows of a process live on the thread that initialised it.
/// </summary>
internal static unsafe class GlfwRuntime
{
    internal const string DisplayHint = "run under xvfb-run -a, or use --foxglove for a headless live stream";

    private static readonly Lock s_lock = new();
    private static int s_windows;
    private static int s_thread;

    /// <summary>Takes one reference (glfwInit on the first). Throws <see cref="WindowException"/> with one line.</summary>
    public static void Acquire()
    {
        lock (s_lock)
        {
            int thread = Environment.CurrentManagedThreadId;
            if (s_windows > 0)
            {
                if (thread != s_thread)
                {
                    throw new InvalidOperationException($"GLFW is in use on thread {s_thread}; every window of a process must be created and used on that one thread (this is thread {thread})");
                }
                s_windows++;
                return;
            }
            CheckDisplayVariables();
            _ = Glfw.glfwGetError(null); // drop an error left from an earlier session
            if (Glfw.glfwInit() != Glfw.GLFW_TRUE)
            {
                (int code, string text) = LastError();
                throw InitFailure(code, text);
            }
            s_windows = 1;
            s_thread = thread;
        }
    }

    /// <summary>Gives one reference back (glfwTerminate on the last).</summary>
    public static void Release()
    {
        lock (s_lock)
        {
            if (s_windows > 0 && --s_windows == 0)
            {
                Glfw.glfwTerminate();
                s_thread = 0;
            }
        }
    }

    /// <summary>Windows alive in this process (0: GLFW is not initialised).</summary>
    public static int LiveWindows
    {
        get
        {
            lock (s_lock)
            {
                return s_windows;
            }
        }
    }

    /// <summary>GLFW's pending error (code 0 when none), as glfwGetError reports it, and clears it.</summary>
    public static (int Code, string Text) LastError()
    {
        byte* description = null;
        int code = Glfw.glfwGetError(&description);
        string text = description == null ? "no description" : Marshal.PtrToStringUTF8((nint)description) ?? "no description";
        return (code, text);
    }

    private static void CheckDisplayVariables()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsFreeBSD())
        {
            return;
        }
        // GLFW reads the C library's environment, which is what is checked (not .NET's copy of it).
        if (NativeVariable("DISPLAY") is null && NativeVariable("WAYLAND_DISPLAY") is null)
        {
            throw new WindowException($"no display: DISPLAY is not set ({DisplayHint})", noDisplay: true);
        }
    }

    private static WindowException InitFailure(int code, string text)
    {
        if (code == Glfw.GLFW_PLATFORM_ERROR)
        {
            string? display = NativeVariable("DISPLAY");
            string what = display is null ? "DISPLAY is not set" : $"cannot open display '{display}'";
            return new WindowException($"no display: {what} (GLFW: {text}; {DisplayHint})", code, noDisplay: true);
        }
        return new WindowException($"GLFW could not start: {text} (GLFW error 0x{code:X5})", code);
    }

    internal static string? NativeVariable(string name)
    {
        byte* value = LibC.getenv(name);
        return value == null ? null : Marshal.PtrToStringUTF8((nint)value);
    }
}
