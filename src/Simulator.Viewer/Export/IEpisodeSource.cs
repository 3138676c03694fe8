using Simulator.Driving.Env;
using Simulator.Driving.Snapshots;

namespace Simulator.Viewer.Export;

/// <summary>
/// An episode walked step by step for exporting: a replay (<see cref="ReplayEpisodeSource"/>) or a live env. After
/// <see cref="Seek"/> or <see cref="StepForward"/> the snapshot, info and last action describe step <see cref="Step"/>.
/// </summary>
public interface IEpisodeSource
{
    /// <summary>Physics steps per simulated second.</summary>
    int Hz { get; }
    /// <summary>Steps applied since the reset: 0 .. <see cref="StepCount"/>.</summary>
    long Step { get; }
    long StepCount { get; }
    WorldSnapshot Snapshot { get; }
    EnvInfo Info { get; }
    /// <summary>The action that led to the current step (default at step 0).</summary>
    DrivingAction LastAction { get; }
    /// <summary>The reward of the last step (0 at step 0).</summary>
    float LastReward { get; }
    /// <summary>Moves to a step in 0 .. <see cref="StepCount"/>.</summary>
    void Seek(long step);
    /// <summary>Applies the next step; false at the end.</summary>
    bool StepForward();
}
