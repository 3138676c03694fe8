using Simulator.Core;

namespace Simulator.Windowing;

/// <summary>A window could not be opened or used. <see cref="NoDisplay"/> errors are the user's to fix (exit code 2:
/// run under a display or xvfb-run); the rest are runtime failures (exit code 1).</summary>
public sealed class WindowException : SimException
{
    public WindowException(string message, int glfwError = 0, bool noDisplay = false) : base(message)
    {
        GlfwError = glfwError;
        NoDisplay = noDisplay;
    }

    /// <summary>GLFW's error code (e.g. 0x10008 GLFW_PLATFORM_ERROR), 0 when GLFW reported none.</summary>
    public int GlfwError { get; }

    /// <summary>No display to open a window on (DISPLAY unset, or the X server could not be reached).</summary>
    public bool NoDisplay { get; }

    public override int ExitCode => NoDisplay ? 2 : 1;
}
