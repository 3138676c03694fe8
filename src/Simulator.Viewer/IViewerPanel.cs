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
