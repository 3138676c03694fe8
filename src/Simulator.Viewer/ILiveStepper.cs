using Simulator.Driving.Env;

namespace Simulator.Viewer;

/// <summary>What <see cref="LiveRun"/> steps: one env and whoever chooses its actions, one step at a time.</summary>
public interface ILiveStepper
{
    /// <summary>The env drawn and published after each reset and step.</summary>
    DrivingEnv Env { get; }

    /// <summary>Simulated seconds one <see cref="Step"/> advances (the physics step times any action repeat).</summary>
    double StepSeconds { get; }

    /// <summary>Starts episode <paramref name="episode"/> (0, 1, ...) of the run.</summary>
    void Reset(long episode);

    /// <summary>One step; true when the episode ended in it.</summary>
    bool Step(out float reward);
}
