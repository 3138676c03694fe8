using Simulator.Driving.Env;

namespace Simulator.Recording;

/// <summary>What a recording says about itself: everything replay needs to re-simulate the episode.</summary>
public sealed record RecordingHeader
{
    /// <summary>Version of the recording layout (<see cref="EpisodeRecorder.FormatVersion"/>).</summary>
    public int FormatVersion { get; init; }
    public string SimulatorVersion { get; init; } = "";
    public string SceneName { get; init; } = "";
    /// <summary>SHA-256 (hex) of the embedded scene JSON.</summary>
    public string SceneHash { get; init; } = "";
    /// <summary>The scene as scene JSON (embedded; replay compiles it, so the file needs no scene on disk).</summary>
    public string SceneJson { get; init; } = "";
    /// <summary>The seed passed to <see cref="DrivingEnv.Reset"/>.</summary>
    public ulong Seed { get; init; }
    /// <summary>The env's index in its batch (its random streams derive from it).</summary>
    public int EnvIndex { get; init; }
    /// <summary>The ego was driven by the autopilot (recorded actions are what it applied).</summary>
    public bool Autopilot { get; init; }
    public double AutopilotSteerNoise { get; init; }
    /// <summary>Physics steps per simulated second.</summary>
    public int Hz { get; init; }
    /// <summary>The command that recorded (e.g. "sim drive --scene oval --record runs/").</summary>
    public string Source { get; init; } = "";
    /// <summary>Configuration text of the run (trainer YAML), if any.</summary>
    public string? Config { get; init; }
    /// <summary>The driving model (file name and SHA-256), if a model drove.</summary>
    public string? Model { get; init; }
    public DateTimeOffset CreatedUtc { get; init; }
    /// <summary>The file holds the agent camera's frames (`/camera/agent`).</summary>
    public bool CameraFrames { get; init; }
}

/// <summary>An event of the episode at a step (kinds: collision, lap, off-road, on-road, episode-end).</summary>
public sealed record RecordedEvent(long Step, string Kind, string Detail);

/// <summary>The first step whose re-simulated state differs from the recording, and what differs.</summary>
public sealed record ReplayDivergence(long Step, ulong ExpectedHash, ulong ActualHash, string What);
