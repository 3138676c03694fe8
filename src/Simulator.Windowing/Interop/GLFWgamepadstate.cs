using System.Runtime.InteropServices;

namespace Simulator.Windowing.Interop;

/// <summary>GLFWgamepadstate: 15 buttons (GLFW_PRESS/RELEASE), 6 axes in [-1, 1].</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GLFWgamepadstate
{
    public fixed byte buttons[15];
    public fixed float axes[6];
}
