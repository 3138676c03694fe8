using Simulator.Recording.Mcap;

namespace Simulator.Recording;

/// <summary>What an <see cref="EpisodeRecorder"/> writes besides the replay data (which it always writes).</summary>
public sealed record RecorderOptions
{
    /// <summary>The command that records (stored in the header).</summary>
    public string Source { get; init; } = "";
    /// <summary>Configuration text of the run (trainer YAML), stored in the header.</summary>
    public string? Config { get; init; }
    /// <summary>Identity of the driving model (file name and SHA-256), stored in the header.</summary>
    public string? Model { get; init; }
    /// <summary>Rate of the Foxglove visual channels /tf, /ego/state and /ego/reward in simulated Hz; 0 = no visual channels.</summary>
    public double VisualHz { get; init; } = 5;
    /// <summary>Rate of /scene/actors (the 3D scene: one cube per actor, about 0.5 KB each), at most <see cref="VisualHz"/>; 0 = none.</summary>
    public double SceneHz { get; init; } = 1;
    /// <summary>Simulated seconds between full-state checkpoints (seek cost is at most this much re-simulation).</summary>
    public double CheckpointSeconds { get; init; } = 10;
    /// <summary>Rate of the moving actors' pose samples (x, y, yaw) in the step blocks, in simulated Hz.</summary>
    public double PoseHz { get; init; } = 5;
    /// <summary>The caller passes the agent camera's frames (<see cref="EpisodeRecorder.Frame"/>) and they are written to /camera/agent.</summary>
    public bool CameraFrames { get; init; }
    /// <summary>The caller passes perception results (<see cref="EpisodeRecorder.Perception"/>) and they are written to
    /// /perception/annotations and /perception/scores.</summary>
    public bool PerceptionOutputs { get; init; }
    /// <summary>Compression of the header and visual chunks (the half-second step-block chunks always use LZ4: they go out often).</summary>
    public McapCompression Compression { get; init; } = McapCompression.Zstd;

    internal void Validate()
    {
        if (!double.IsFinite(VisualHz) || VisualHz < 0 || !double.IsFinite(SceneHz) || SceneHz < 0 || !double.IsFinite(CheckpointSeconds) || CheckpointSeconds <= 0
            || !double.IsFinite(PoseHz) || PoseHz <= 0)
        {
            throw new ArgumentException($"recorder options out of range: visual {VisualHz} Hz, checkpoints every {CheckpointSeconds} s, poses {PoseHz} Hz");
        }
    }
}
