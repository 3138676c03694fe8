namespace Simulator.Viewer;

/// <summary>How the viewer window looks and paces itself.</summary>
public sealed record ViewerOptions
{
    public const double DefaultFps = 30;

    public string Title { get; init; } = "sim";
    /// <summary>Initial framebuffer size (the window is resizable).</summary>
    public int Width { get; init; } = 1280;
    public int Height { get; init; } = 720;
    /// <summary>Most frames drawn per second (the window thread sleeps in between); 0 = as fast as it can.</summary>
    public double Fps { get; init; } = DefaultFps;
    /// <summary>Present in step with the display (FIFO). Off by default: the frame cap paces the window.</summary>
    public bool VSync { get; init; }
    /// <summary>Vulkan validation layers on (tests); errors are collected by the renderer's context.</summary>
    public bool Validation { get; init; }
    /// <summary>The keyboard/gamepad drive the watched car (the loop must run with <see cref="ViewerControl.ManualAction"/>).</summary>
    public bool Manual { get; init; }
    /// <summary>Close after this many drawn frames (0 = until the window is closed).</summary>
    public long MaxFrames { get; init; }
    /// <summary>Folder for F12 screenshots.</summary>
    public string ScreenshotFolder { get; init; } = ".";
    /// <summary>With <see cref="MaxFrames"/>: a PNG of the last frame drawn is written here.</summary>
    public string? FinalScreenshot { get; init; }
    public int InsetWidth { get; init; } = 320;
    public int InsetHeight { get; init; } = 180;
    /// <summary>Extra input (e.g. <see cref="InjectedInput"/> in tests), read besides the window's keys.</summary>
    public IViewerInput? Input { get; init; }
    /// <summary>The 3D view is rendered at this fraction of the window's size (0.25 to 1; smaller values count as 0.25)
    /// and scaled up (nearest neighbour) while composing. 0 = auto: 0.75 on a CPU renderer (lavapipe spends most of a
    /// frame shading pixels), 1 on a GPU.</summary>
    public double RenderScale { get; init; }
    /// <summary>The window shows a replay (<c>sim replay</c>): the HUD says so with the divergence status, and the
    /// replay keys (step back, seek) send requests through <see cref="ViewerControl"/>. Null for live runs.</summary>
    public Replay.ReplayStatus? Replay { get; init; }
    /// <summary>Prop instances drawn per view.</summary>
    public int MaxInstances { get; init; } = 512;
}
