using Simulator.Driving.Env;
using Simulator.Recording;

namespace Simulator.Viewer.Replay;

/// <summary>
/// A recorded episode that can be moved through: the re-simulated env at the current step, forward and back one
/// step, and a seek to any step. <see cref="ReplaySessionTimeline"/> wraps a <see cref="ReplaySession"/>; tests drive
/// their own. Synchronous and single-threaded: only the replay loop (<see cref="ReplayRun"/>) calls it.
/// </summary>
public interface IReplayTimeline
{
    /// <summary>The env whose state is the current step's (read it; only the timeline steps it).</summary>
    DrivingEnv Env { get; }

    /// <summary>Steps since the episode's reset: 0 .. <see cref="StepCount"/>.</summary>
    long Step { get; }

    long StepCount { get; }

    /// <summary>Simulated seconds one step advances.</summary>
    double StepSeconds { get; }

    /// <summary>The reward of the step that led to the current state (0 at step 0).</summary>
    float LastReward { get; }

    /// <summary>The first step whose re-simulated state differed from the recording, null while all matched.</summary>
    ReplayDivergence? Divergence { get; }

    /// <summary>The episode's events (collisions, laps, off-road...), by step.</summary>
    IReadOnlyList<RecordedEvent> Events { get; }

    /// <summary>The next step; false at the end.</summary>
    bool StepForward();

    /// <summary>One step back; false at step 0.</summary>
    bool StepBack();

    /// <summary>Goes to <paramref name="step"/>, clamped to 0 .. <see cref="StepCount"/>.</summary>
    void Seek(long step);
}
