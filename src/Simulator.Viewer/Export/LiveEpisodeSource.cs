using Simulator.Driving.Env;
using Simulator.Driving.Snapshots;

namespace Simulator.Viewer.Export;

/// <summary>
/// An episode simulated on the spot as an <see cref="IEpisodeSource"/>: a <see cref="DrivingEnv"/> reset with a seed
/// and driven by its autopilot (an env made with <c>EnvOptions.Autopilot</c>) or a policy, for at most
/// <c>maxSteps</c> steps or until the episode ends. Seeking back resets and re-simulates (deterministic: the same
/// states). The env is the caller's. This gives the same stream of snapshots a replay of a recording of it would.
/// </summary>
public sealed class LiveEpisodeSource : IEpisodeSource
{
    private readonly DrivingEnv _env;
    private readonly ulong _seed;
    private readonly DrivingPolicy? _policy;
    private readonly float[] _obs;
    private bool _done;

    public LiveEpisodeSource(DrivingEnv env, ulong seed, long maxSteps, DrivingPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(env);
        (_env, _seed, _policy, StepCount) = (env, seed, policy, maxSteps);
        _obs = new float[env.Observation.VectorSize];
        Reset();
    }

    public int Hz => (int)Math.Round(1.0 / _env.Scene.FixedDeltaTime);
    public long Step { get; private set; }
    public long StepCount { get; private set; }
    public WorldSnapshot Snapshot => _env.Snapshot;
    public EnvInfo Info => _env.Info;
    public DrivingAction LastAction => Step == 0 ? default : _env.Ego.LastAction;
    public float LastReward { get; private set; }

    public void Seek(long step)
    {
        step = Math.Clamp(step, 0, StepCount);
        if (step < Step)
        {
            Reset();
        }
        while (Step < step && StepForward())
        {
        }
    }

    public bool StepForward()
    {
        if (_done || Step >= StepCount)
        {
            return false;
        }
        DrivingAction action = _policy is null ? default : _policy(_obs, _env);
        StepOutcome o = _env.Step(action, _obs);
        LastReward = o.Reward;
        Step++;
        if (o.Done)
        {
            _done = true;
            StepCount = Step; // the episode is shorter than asked
        }
        return true;
    }

    private void Reset()
    {
        _env.Reset(_seed, _obs);
        (Step, LastReward, _done) = (0, 0, false);
    }
}
