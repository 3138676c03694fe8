using SkiaSharp;

namespace Simulator.Viewer;

/// <summary>
/// Something the viewer draws with Skia into an area of the composed window frame, on the viewer's thread: the HUD,
/// the map, the agent-camera inset, training plots, the env grid. A panel reads only values it was handed (snapshots,
/// copied metrics); it never touches a running env.
/// </summary>
public interface IViewerPanel
{
    /// <summary>Draws into <paramref name="area"/> (window pixels) of <paramref name="canvas"/>.</summary>
    void Draw(SKCanvas canvas, SKRect area);
}

/// <summary>A panel that reacts to the mouse (e.g. the replay timeline: click or drag to seek). The viewer calls it on
/// its thread once per frame, before <see cref="IViewerPanel.Draw"/>, with the panel's area.</summary>
public interface IViewerPointerTarget
{
    /// <param name="pointer">Where the pointer is (framebuffer pixels) and whether the left button is down.</param>
    /// <param name="pressed">The left button went down since the last frame.</param>
    /// <param name="area">The panel's area this frame.</param>
    void Pointer(in PointerState pointer, bool pressed, SKRect area);
}
