namespace Simulator.Windowing;

/// <summary>The new framebuffer size in pixels (0x0 while the window is minimised).</summary>
public sealed class FramebufferResizedEventArgs(int width, int height) : EventArgs
{
    public int Width { get; } = width;
    public int Height { get; } = height;
}
