namespace Simulator.Windowing;

/// <summary>What <see cref="GlfwWindow.Create"/> opens: a window without a GL context (for a Vulkan swapchain).</summary>
public sealed record WindowOptions(string Title, int Width, int Height, bool Resizable = true, bool Visible = true)
{
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Title);
        if (Width < 1 || Height < 1 || Width > 16384 || Height > 16384)
        {
            throw new ArgumentOutOfRangeException(nameof(Width), $"window size must be 1..16384 per side, got {Width}x{Height}");
        }
    }
}
