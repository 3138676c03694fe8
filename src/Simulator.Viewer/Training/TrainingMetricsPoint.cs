namespace Simulator.Viewer.Training;

/// <summary>What one PPO iteration reported, as the training plots show it (NaN where there is no value yet).</summary>
public readonly record struct TrainingMetricsPoint(
    int Iteration,
    long TotalSteps,
    double MeanReturn,
    double CleanLapRate,
    double PolicyLoss,
    double ValueLoss,
    double Entropy,
    double StepsPerSecond,
    long Episodes);

/// <summary>
/// The metrics of a run so far, oldest first: every iteration until the history is full, then every second one,
/// fourth one… (the history is thinned, never cut, so the plots keep the whole run), plus the latest iteration.
/// </summary>
public sealed class MetricsHistory
{
    private readonly TrainingMetricsPoint[] _points;

    public MetricsHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _points = new TrainingMetricsPoint[capacity + 1];
    }

    public int Count { get; private set; }

    /// <summary>Most points a history holds (the thinned history plus the latest point).</summary>
    public int Capacity => _points.Length;

    public ReadOnlySpan<TrainingMetricsPoint> Points => _points.AsSpan(0, Count);

    /// <summary>The latest point (default before the first iteration).</summary>
    public TrainingMetricsPoint Latest => Count > 0 ? _points[Count - 1] : default;

    /// <summary>Bumped by every publish that changed the content.</summary>
    public long Version { get; private set; }

    internal void CopyFrom(ReadOnlySpan<TrainingMetricsPoint> points, long version)
    {
        points.CopyTo(_points);
        Count = points.Length;
        Version = version;
    }

    internal void Append(in TrainingMetricsPoint point) => _points[Count++] = point;
}
