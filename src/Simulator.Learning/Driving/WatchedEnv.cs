using Simulator.Learning.Env;
using Simulator.World;

namespace Simulator.Learning.Driving;

/// <summary>One step of the watched env (env 0) during training, published on the watch bus.</summary>
public readonly record struct TrainingStep(long Step, float Reward, bool EpisodeEnded, double X, double Y, double Yaw, double Speed, double LapProgress, int Laps);

/// <summary>
/// Passes everything through to a <see cref="DrivingVectorEnv"/> and publishes env 0's state after each step as a
/// <see cref="TrainingStep"/> on a bus, for `sim train --watch` (watchers read it; they never change the run).
/// </summary>
public sealed class WatchedEnv : IVectorEnv
{
    private readonly DrivingVectorEnv _env;
    private long _step;

    public WatchedEnv(DrivingVectorEnv env, MessageBus bus)
    {
        _env = env;
        Bus = bus;
    }

    public MessageBus Bus { get; }

    /// <summary>The wrapped env (infos and world snapshots for live displays).</summary>
    public DrivingVectorEnv Env => _env;
    public int NumEnvs => _env.NumEnvs;
    public ObservationSpec ObservationSpec => _env.ObservationSpec;
    public ActionSpec ActionSpec => _env.ActionSpec;
    public ReadOnlySpan<byte> Images => _env.Images;
    public ReadOnlySpan<float> Vectors => _env.Vectors;
    public bool HasFinalObservations => _env.HasFinalObservations;
    public ReadOnlySpan<byte> FinalImages => _env.FinalImages;
    public ReadOnlySpan<float> FinalVectors => _env.FinalVectors;

    public void Reset(ulong seed) => _env.Reset(seed);

    public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        _env.Step(actions, rewards, terminated, truncated);
        var info = _env.Infos[0];
        var state = _env.Inner[0].Ego.Body.State;
        Bus.Publish(new TrainingStep(++_step, rewards[0], terminated[0] || truncated[0], state.X, state.Y, state.Yaw, info.Speed, info.LapProgress, info.Laps));
    }
}
