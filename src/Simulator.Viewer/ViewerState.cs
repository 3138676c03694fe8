namespace Simulator.Viewer;

/// <summary>What the built-in panels (HUD, map, inset) read each frame; set by the window's thread before drawing.</summary>
public sealed class ViewerState
{
    /// <summary>The env being watched (null until the first snapshot arrives).</summary>
    public ViewerFrame? Frame { get; internal set; }
    /// <summary>Index into the snapshot's actors of the vehicle the camera follows.</summary>
    public int FollowedActor { get; internal set; }
    public int WatchedEnv { get; internal set; }
    public int EnvCount { get; internal set; }
    public CameraMode Camera { get; internal set; }
    public InsetMode Inset { get; internal set; }
    public bool Paused { get; internal set; }
    public double TimeScale { get; internal set; }
    public bool Manual { get; internal set; }
    /// <summary>Frames drawn per second (measured over the last second).</summary>
    public double DrawRate { get; internal set; }
    public long FramesDrawn { get; internal set; }
    /// <summary>The replay shown (null for a live run).</summary>
    public Replay.ReplayStatus? Replay { get; internal set; }
    /// <summary>A short message shown for a few seconds (e.g. "screenshot saved").</summary>
    public string? Notice { get; internal set; }
}
