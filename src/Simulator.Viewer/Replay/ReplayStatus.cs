using Simulator.Recording;

namespace Simulator.Viewer.Replay;

/// <summary>
/// What the viewer shows about a replay besides its frames: length, events, the current step and the divergence
/// status. The replay loop writes <see cref="Step"/> and <see cref="Divergence"/> (atomically), the viewer's thread
/// reads them; the rest is fixed when it is made.
/// </summary>
public sealed class ReplayStatus
{
    private long _step;
    private ReplayDivergence? _divergence;

    public ReplayStatus(long stepCount, double stepSeconds, IReadOnlyList<RecordedEvent> events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSeconds);
        StepCount = stepCount;
        StepSeconds = stepSeconds;
        Events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>A status for <paramref name="timeline"/> at its current step.</summary>
    public static ReplayStatus Of(IReplayTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var status = new ReplayStatus(timeline.StepCount, timeline.StepSeconds, timeline.Events);
        status.Update(timeline);
        return status;
    }

    public long StepCount { get; }
    public double StepSeconds { get; }
    public double Duration => StepCount * StepSeconds;
    public IReadOnlyList<RecordedEvent> Events { get; }

    /// <summary>The step shown (last published).</summary>
    public long Step
    {
        get => Volatile.Read(ref _step);
        set => Volatile.Write(ref _step, value);
    }

    /// <summary>The first divergence the re-simulation met, null while every checked step matched.</summary>
    public ReplayDivergence? Divergence
    {
        get => Volatile.Read(ref _divergence);
        set => Volatile.Write(ref _divergence, value);
    }

    public double Time => Step * StepSeconds;

    public void Update(IReplayTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        Step = timeline.Step;
        Divergence = timeline.Divergence;
    }
}
