namespace Simulator.Learning.Driving;

/// <summary>
/// An env that is, or passes everything through to, a <see cref="DrivingVectorEnv"/>: live displays (the training
/// feed of `sim train --watch`) reach its infos and world snapshots through it, however the learner's env is wrapped
/// (a telemetry pass-through, for instance).
/// </summary>
public interface IDrivingEnvSource
{
    /// <summary>The driving env underneath (read only by watchers; they never change the run).</summary>
    DrivingVectorEnv DrivingEnv { get; }
}
