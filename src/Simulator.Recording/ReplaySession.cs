using Simulator.Driving.Env;
using Simulator.Driving.Snapshots;

namespace Simulator.Recording;

// CONTRACT SKELETON (implemented by the recording core; signatures kept).

/// <summary>
/// Re-simulates a recording: a live <see cref="DrivingEnv"/> fed the recorded actions from the recorded seed, every
/// step's state hash checked against the file. Seek uses the recorded full-state checkpoints. Sensors, collisions and
/// events are live (it is the simulation, not a playback of poses), so new cameras work on old recordings.
/// Synchronous: nothing runs unless the caller steps.
/// </summary>
public sealed class ReplaySession : IDisposable
{
    public ReplaySession(EpisodeRecording recording) => throw new NotImplementedException();

    public EpisodeRecording Recording => throw new NotImplementedException();
    /// <summary>The re-simulated env (read it; do not step it yourself).</summary>
    public DrivingEnv Env => throw new NotImplementedException();
    public WorldSnapshot Snapshot => Env.Snapshot;
    /// <summary>Steps applied since the episode's reset: 0 .. <see cref="StepCount"/>.</summary>
    public long Step => throw new NotImplementedException();
    public long StepCount => throw new NotImplementedException();
    public bool AtEnd => Step >= StepCount;
    /// <summary>Simulated seconds at <see cref="Step"/>.</summary>
    public double Time => throw new NotImplementedException();
    /// <summary>The recorded action that led to the current step (default at step 0).</summary>
    public DrivingAction LastAction => throw new NotImplementedException();
    /// <summary>The reward and ends of the last step (default at step 0).</summary>
    public StepOutcome LastOutcome => throw new NotImplementedException();
    /// <summary>The first divergence seen so far (null while every checked step matched).</summary>
    public ReplayDivergence? Divergence => throw new NotImplementedException();

    /// <summary>Applies the next recorded action; false at the end.</summary>
    public bool StepForward() => throw new NotImplementedException();

    /// <summary>Goes back one step (restore the nearest checkpoint, re-simulate); false at step 0.</summary>
    public bool StepBack() => throw new NotImplementedException();

    /// <summary>Moves to any step 0..StepCount (clamped) through the nearest checkpoint at or before it.</summary>
    public void Seek(long step) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
