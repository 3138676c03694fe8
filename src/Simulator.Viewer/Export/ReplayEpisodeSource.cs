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
    public DrivingAction LastAction => _session.LastAction;
    public float LastReward => _session.LastOutcome.Reward;
    public void Seek(long step) => _session.Seek(step);
    public bool StepForward() => _session.StepForward();
}
