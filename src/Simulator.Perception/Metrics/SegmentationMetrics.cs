using Simulator.Perception.Data;

namespace Simulator.Perception.Metrics;

/// <summary>
/// Per-class intersection over union of pixel labels, accumulated over frames (pixel counts are summed over all
/// frames before dividing, as Cityscapes and the VOC benchmark do). The lane area is road ∪ marking
/// (<see cref="LaneClass.Road"/> or <see cref="LaneClass.LaneMarking"/>): <see cref="LaneIou"/> is the IoU of the
/// predicted lane area against the true one, so a marking predicted as road (or the reverse) still counts as lane;
/// <see cref="MarkingIou"/> scores the markings alone.
/// </summary>
public sealed class SegmentationMetrics
{
    private readonly long[] _intersection;
    private readonly long[] _union;
    private long _laneIntersection, _laneUnion, _correct, _pixels;

    public SegmentationMetrics(int classCount = PerceptionClasses.LaneClassCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        _intersection = new long[classCount];
        _union = new long[classCount];
    }

    public int ClassCount => _union.Length;
    public long Frames { get; private set; }

    /// <summary>Adds one frame's predicted and true class maps (same size; values below <see cref="ClassCount"/>).</summary>
    public void Add(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth)
    {
        if (predicted.Length != truth.Length)
        {
            throw new ArgumentException($"prediction has {predicted.Length} pixels, truth {truth.Length}", nameof(predicted));
        }
        int n = ClassCount;
        for (int i = 0; i < truth.Length; i++)
        {
            int p = predicted[i], t = truth[i];
            if (p >= n || t >= n)
            {
                throw new ArgumentOutOfRangeException(nameof(predicted), $"pixel {i} has class {Math.Max(p, t)}, only {n} classes");
            }
            if (p == t)
            {
                _intersection[p]++;
                _union[p]++;
                _correct++;
            }
            else
            {
                _union[p]++;
                _union[t]++;
            }
            bool pl = IsLane(p), tl = IsLane(t);
            if (pl && tl)
            {
                _laneIntersection++;
            }
            if (pl || tl)
            {
                _laneUnion++;
            }
        }
        _pixels += truth.Length;
        Frames++;
    }

    /// <summary>IoU of class <paramref name="c"/>; NaN when the class appears in neither prediction nor truth.</summary>
    public double ClassIou(int c) => _union[c] == 0 ? double.NaN : (double)_intersection[c] / _union[c];

    /// <summary>IoU of the lane area (road ∪ marking); NaN when neither has any.</summary>
    public double LaneIou => _laneUnion == 0 ? double.NaN : (double)_laneIntersection / _laneUnion;

    public double MarkingIou => ClassIou((int)LaneClass.LaneMarking);

    public double RoadIou => ClassIou((int)LaneClass.Road);

    /// <summary>Mean of the class IoUs that are defined.</summary>
    public double MeanIou
    {
        get
        {
            double sum = 0;
            int count = 0;
            for (int c = 0; c < ClassCount; c++)
            {
                if (_union[c] > 0)
                {
                    sum += ClassIou(c);
                    count++;
                }
            }
            return count == 0 ? double.NaN : sum / count;
        }
    }

    public double PixelAccuracy => _pixels == 0 ? double.NaN : (double)_correct / _pixels;

    private static bool IsLane(int c) => c == (int)LaneClass.Road || c == (int)LaneClass.LaneMarking;
}
