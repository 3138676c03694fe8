using Simulator.Driving.Env;
using Simulator.Driving.Snapshots;
using Simulator.Recording;

namespace Simulator.Viewer.Export;

/// <summary>A <see cref="ReplaySession"/> as an <see cref="IEpisodeSource"/> (the session is the caller's).</summary>
public sealed class ReplayEpisodeSource : IEpisodeSource
{
    private readonly ReplaySession _session;

    public ReplayEpisodeSource(ReplaySession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
    }

    public int Hz => _session.Recording.Header.Hz;
    public long Step => _session.Step;
    public long StepCount => _session.StepCount;
    public WorldSnapshot Snapshot => _session.Snapshot;
    public EnvInfo Info => _session.Env.Info;
    /// <summary>The action the ego applied in the last step (sanitised; for an autopilot recording, whose recorded
    /// actions are the zeros passed to Step, the autopilot's own output).</summary>
    public DrivingAction LastAction => _session.Env.Ego.LastAction;
    public float LastReward => _session.LastOutcome.Reward;
    public void Seek(long step) => _session.Seek(step);
    public bool StepForward() => _session.StepForward();
}
