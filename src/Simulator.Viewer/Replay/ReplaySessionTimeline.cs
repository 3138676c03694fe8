using Simulator.Driving.Env;
using Simulator.Recording;

namespace Simulator.Viewer.Replay;

/// <summary>The timeline of a recording: a <see cref="ReplaySession"/> re-simulating it (owned: disposed with this).</summary>
public sealed class ReplaySessionTimeline : IReplayTimeline, IDisposable
{
    private readonly ReplaySession _session;

    public ReplaySessionTimeline(EpisodeRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        Recording = recording;
        _session = new ReplaySession(recording);
        Events = recording.Events;
        StepSeconds = _session.StepSeconds;
    }

    public EpisodeRecording Recording { get; }
    public DrivingEnv Env => _session.Env;
    public long Step => _session.Step;
    public long StepCount => _session.StepCount;
    public double StepSeconds { get; }
    public float LastReward => _session.LastOutcome.Reward;
    public ReplayDivergence? Divergence => _session.Divergence;
    public IReadOnlyList<RecordedEvent> Events { get; }

    public bool StepForward() => _session.StepForward();

    public bool StepBack() => _session.StepBack();

    public void Seek(long step) => _session.Seek(step);

    public void Dispose() => _session.Dispose();
}
