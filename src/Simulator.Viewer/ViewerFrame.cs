using Simulator.Driving.Env;
using Simulator.Driving.Snapshots;
using Simulator.Telemetry.Messages;

namespace Simulator.Viewer;

/// <summary>
/// What the viewer knows about one env at one step: a copy of its world snapshot plus the numbers the HUD shows
/// (info, last action, step reward). The simulation thread fills frames it owns and hands them over through a
/// <see cref="FrameExchange"/>; the viewer only reads them. Refilling reuses the snapshot's arrays.
/// </summary>
public sealed class ViewerFrame
{
    public WorldSnapshot Snapshot { get; } = new();
    public EnvInfo Info;
    public DrivingAction Action;
    public float StepReward;
    /// <summary>Steps of the whole run so far (all episodes).</summary>
    public long RunSteps;
    /// <summary>Measured simulation rate (steps per wall-clock second) when the frame was handed over.</summary>
    public double StepsPerSecond;
    /// <summary>True once the frame holds a snapshot.</summary>
    public bool Filled;
    /// <summary>What perception saw in the agent camera's frame of this step (valid when <see cref="HasPerception"/>).</summary>
    public PerceptionOverlay Perception { get; } = new();
    public bool HasPerception;

    /// <summary>Copies the perception results of this step (null: perception off).</summary>
    public void FillPerception(PerceptionOverlay? overlay)
    {
        HasPerception = overlay is not null;
        overlay?.CopyTo(Perception);
    }

    /// <summary>Copies an env's current state (snapshot, info, the action its ego applied, whoever chose it) and
    /// the reward of its last step.</summary>
    public void Fill(DrivingEnv env, float reward, long runSteps, double stepsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(env);
        Fill(env.Snapshot, env.Info, env.Ego.LastAction, reward, runSteps, stepsPerSecond);
    }

    public void Fill(WorldSnapshot snapshot, in EnvInfo info, DrivingAction action, float reward, long runSteps, double stepsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.CopyTo(Snapshot);
        Info = info;
        Action = action;
        StepReward = reward;
        RunSteps = runSteps;
        StepsPerSecond = stepsPerSecond;
        Filled = true;
    }
}
