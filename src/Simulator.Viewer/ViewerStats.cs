namespace Simulator.Viewer;

/// <summary>Frames drawn by the window and where their time went.</summary>
/// <param name="Frames">Frames drawn.</param>
/// <param name="Seconds">Wall-clock seconds from the start of the first frame to the end of the last (sleeps included).</param>
/// <param name="DrawSeconds">Seconds spent drawing (render + compose + present), summed over frames.</param>
/// <param name="RenderSeconds">3D view and inset: describe, submit, wait for the renderer.</param>
/// <param name="ComposeSeconds">Copying the 3D view into the frame and drawing the HUD, map, inset and panels with Skia.</param>
/// <param name="PresentSeconds">Uploading the frame to the swapchain and presenting it.</param>
/// <param name="SnapshotsTaken">Frames that found a new snapshot (the rest showed the previous one again).</param>
public readonly record struct ViewerStats(long Frames, double Seconds, double DrawSeconds, double RenderSeconds, double ComposeSeconds, double PresentSeconds, long SnapshotsTaken)
{
    /// <summary>Frames drawn per wall-clock second (capped by the frame-rate limit).</summary>
    public double FramesPerSecond => Seconds > 0 ? Frames / Seconds : 0;

    /// <summary>Frames per second the window could draw without the cap (1 / mean draw time).</summary>
    public double Capacity => DrawSeconds > 0 ? Frames / DrawSeconds : 0;

    /// <summary>Milliseconds per frame of a phase.</summary>
    public double PerFrameMs(double seconds) => Frames > 0 ? 1000 * seconds / Frames : 0;

    public override string ToString() =>
        $"{Frames} frames in {Seconds:0.00} s: {FramesPerSecond:0.0} frames/s (uncapped capacity {Capacity:0.0} frames/s); " +
        $"per frame render {PerFrameMs(RenderSeconds):0.0} ms, compose {PerFrameMs(ComposeSeconds):0.0} ms, present {PerFrameMs(PresentSeconds):0.0} ms";
}
