namespace Simulator.Viewer;

/// <summary>Frames drawn by the window and where their time went (seconds summed over all frames).</summary>
public readonly record struct ViewerStats(long Frames, double Seconds, double RenderSeconds, double ComposeSeconds, double PresentSeconds, long SnapshotsTaken)
{
    public double FramesPerSecond => Seconds > 0 ? Frames / Seconds : 0;

    /// <summary>Milliseconds per frame of a phase.</summary>
    public double PerFrameMs(double seconds) => Frames > 0 ? 1000 * seconds / Frames : 0;

    public override string ToString() =>
        $"{Frames} frames in {Seconds:0.00} s: {FramesPerSecond:0.0} frames/s; per frame render {PerFrameMs(RenderSeconds):0.0} ms, " +
        $"compose {PerFrameMs(ComposeSeconds):0.0} ms, present {PerFrameMs(PresentSeconds):0.0} ms";
}
