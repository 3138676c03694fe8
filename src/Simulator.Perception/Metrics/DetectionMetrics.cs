using Simulator.Perception.Data;

namespace Simulator.Perception.Metrics;

/// <summary>
/// Detection precision, recall and average precision over accumulated frames, COCO-style. Per frame and class,
/// detections are taken by descending score; each matches the unmatched detectable ground-truth box of the same class
/// with the highest IoU at or above the threshold (a true positive); failing that, a detection overlapping an ignore
/// box (<see cref="DetectionFilter"/>) at the threshold is ignored, and so is one whose own height lies outside the
/// filter's range (COCO's rule for area ranges); otherwise it is a false positive. AP of a class is
/// the area under its precision–recall curve with COCO's 101-point interpolation: the precision envelope (the best
/// precision at any recall at or above r) averaged over r = 0, 0.01, …, 1. Classes without detectable ground truth
/// have no AP (NaN) and are left out of the mean. No per-image detection cap (COCO keeps 100 per image).
/// <para>
/// Streaming: each frame is matched once, when it is added, at every threshold of <see cref="CocoThresholds"/>, and
/// only its detections' outcomes are kept (8 bytes per detection, no boxes), ranked by score as they come. A query
/// walks that ranking, so a live scorer can ask for the scores of an hours-long run without the frames being matched
/// again. Ties in score keep frame order, then detection order.
/// </para>
/// </summary>
public sealed class DetectionMetrics
{
    /// <summary>IoU thresholds of mAP@0.5:0.95: 0.50, 0.55, …, 0.95. Queries take one of these.</summary>
    public static readonly float[] CocoThresholds = [.. Enumerable.Range(0, 10).Select(i => (50 + 5 * i) / 100f)];

    /// <summary>One detection's outcome: its score, and per threshold (bit k for <see cref="CocoThresholds"/>[k])
    /// whether it was a true positive and whether it was ignored (neither set: a false positive).</summary>
    private readonly record struct Outcome(float Score, ushort TruePositive, ushort Ignored);

    private readonly List<Outcome>[] _ranked;   // per class, by descending score, stable
    private readonly List<Outcome>[] _incoming; // per class, added since the last query, in arrival order
    private readonly long[] _truth;             // detectable boxes per class
    private int[] _order = new int[16];
    private float[] _iou = new float[64];
    private bool[] _taken = new bool[16];
    private double[] _precision = [], _recall = [];

    public DetectionMetrics(DetectionFilter? filter = null)
    {
        Filter = filter ?? DetectionFilter.Default;
        int classes = PerceptionClasses.ObjectClassCount;
        _ranked = [.. Enumerable.Range(0, classes).Select(_ => new List<Outcome>())];
        _incoming = [.. Enumerable.Range(0, classes).Select(_ => new List<Outcome>())];
        _truth = new long[classes];
    }

    public DetectionFilter Filter { get; }

    public long Frames { get; private set; }

    /// <summary>Detections kept (each 8 bytes).</summary>
    public long Detections => _ranked.Sum(l => (long)l.Count) + _incoming.Sum(l => (long)l.Count);

    /// <summary>Matches one frame's detections against its ground truth at every threshold and keeps the outcomes.</summary>
    public void Add(ReadOnlySpan<GtBox> truth, ReadOnlySpan<DetectedBox> detections)
    {
        int nt = truth.Length, nd = detections.Length;
        // Checked before anything is kept, so that a refused frame leaves no trace.
        foreach (ref readonly GtBox box in truth)
        {
            if ((uint)box.Class >= (uint)_truth.Length)
            {
                throw new ArgumentException($"ground-truth class {(int)box.Class} is not an object class", nameof(truth));
            }
        }
        foreach (ref readonly DetectedBox d in detections)
        {
            if ((uint)d.Class >= (uint)_truth.Length)
            {
                throw new ArgumentException($"detection class {(int)d.Class} is not an object class", nameof(detections));
            }
        }
        foreach (ref readonly GtBox box in truth)
        {
            _truth[(int)box.Class] += Filter.IsDetectable(box) ? 1 : 0;
        }
        Frames++;
        if (nd == 0)
        {
            return;
        }
        EnsureScratch(nt, nd);
        // Highest score first, ties in detection order (a stable insertion sort of the indices: frames hold few).
        Span<int> order = _order.AsSpan(0, nd);
        for (int i = 0; i < nd; i++)
        {
            order[i] = i;
        }
        for (int i = 1; i < nd; i++)
        {
            int x = order[i], j = i - 1;
            while (j >= 0 && detections[order[j]].Score < detections[x].Score)
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = x;
        }
        // IoU of every same-class pair, once.
        Span<float> iou = _iou.AsSpan(0, nd * nt);
        for (int r = 0; r < nd; r++)
        {
            ref readonly DetectedBox d = ref detections[order[r]];
            for (int g = 0; g < nt; g++)
            {
                iou[r * nt + g] = truth[g].Class == d.Class ? BoxIou.Of(truth[g], d) : -1;
            }
        }
        Span<ushort> tp = nd <= 256 ? stackalloc ushort[nd] : new ushort[nd];
        Span<ushort> ignored = nd <= 256 ? stackalloc ushort[nd] : new ushort[nd];
        tp.Clear();
        ignored.Clear();
        Span<bool> taken = _taken.AsSpan(0, nt);
        for (int k = 0; k < CocoThresholds.Length; k++)
        {
            float threshold = CocoThresholds[k];
            taken.Clear();
            for (int r = 0; r < nd; r++)
            {
                ReadOnlySpan<float> row = iou.Slice(r * nt, nt);
                int best = -1;
                float bestIou = threshold;
                bool overIgnore = false;
                for (int g = 0; g < nt; g++)
                {
                    if (row[g] < threshold)
                    {
                        continue;
                    }
                    if (!Filter.IsDetectable(truth[g]))
                    {
                        overIgnore = true;
                    }
                    else if (!taken[g] && row[g] >= bestIou)
                    {
                        bestIou = row[g];
                        best = g;
                    }
                }
                if (best >= 0)
                {
                    taken[best] = true;
                    tp[r] |= (ushort)(1 << k);
                }
                else if (overIgnore || Filter.IgnoresUnmatched(detections[order[r]]))
                {
                    ignored[r] |= (ushort)(1 << k);
                }
            }
        }
        for (int r = 0; r < nd; r++)
        {
            ref readonly DetectedBox d = ref detections[order[r]];
            _incoming[(int)d.Class].Add(new Outcome(d.Score, tp[r], ignored[r]));
        }
    }

    /// <summary>Detectable ground-truth boxes of a class (all classes when null).</summary>
    public long TruthCount(ObjectClass? cls = null) => cls is null ? _truth.Sum() : _truth[(int)cls.Value];

    /// <summary>Precision of the detections scoring at least <paramref name="scoreThreshold"/>, all classes (or one), at
    /// IoU <paramref name="iouThreshold"/> (NaN without such detections).</summary>
    public double Precision(float scoreThreshold, float iouThreshold = 0.5f, ObjectClass? cls = null)
    {
        var (tp, fp) = Count(scoreThreshold, iouThreshold, cls);
        return tp + fp == 0 ? double.NaN : (double)tp / (tp + fp);
    }

    /// <summary>Detections scoring at least <paramref name="scoreThreshold"/> that match no object at IoU
    /// <paramref name="iouThreshold"/> and are not ignored: the false positives, of all classes or one.</summary>
    public long FalsePositives(float scoreThreshold, float iouThreshold = 0.5f, ObjectClass? cls = null) =>
        Count(scoreThreshold, iouThreshold, cls).FalsePositives;

    /// <summary>Share of detectable ground-truth boxes found by detections scoring at least
    /// <paramref name="scoreThreshold"/> (NaN without ground truth).</summary>
    public double Recall(float scoreThreshold, float iouThreshold = 0.5f)
    {
        var (tp, _) = Count(scoreThreshold, iouThreshold);
        long truth = TruthCount();
        return truth == 0 ? double.NaN : (double)tp / truth;
    }

    /// <summary>101-point interpolated AP of one class at one IoU threshold.</summary>
    public double AveragePrecision(ObjectClass cls, float iouThreshold)
    {
        ushort bit = Bit(iouThreshold);
        long truth = _truth[(int)cls];
        if (truth == 0)
        {
            return double.NaN;
        }
        List<Outcome> ranked = Ranked(cls);
        if (_precision.Length < ranked.Count)
        {
            _precision = new double[ranked.Count];
            _recall = new double[ranked.Count];
        }
        int n = 0;
        long tp = 0;
        foreach (Outcome o in ranked)
        {
            if ((o.Ignored & bit) != 0)
            {
                continue;
            }
            tp += (o.TruePositive & bit) != 0 ? 1 : 0;
            _precision[n] = (double)tp / (n + 1);
            _recall[n] = (double)tp / truth;
            n++;
        }
        for (int i = n - 2; i >= 0; i--)
        {
            _precision[i] = Math.Max(_precision[i], _precision[i + 1]);
        }
        double sum = 0;
        int j = 0;
        for (int r = 0; r <= 100; r++)
        {
            double level = r / 100.0;
            while (j < n && _recall[j] < level - 1e-12)
            {
                j++;
            }
            sum += j < n ? _precision[j] : 0;
        }
        return sum / 101;
    }

    /// <summary>Mean AP over the classes that have detectable ground truth, at one IoU threshold.</summary>
    public double MeanAveragePrecision(float iouThreshold)
    {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < PerceptionClasses.ObjectClassCount; c++)
        {
            double ap = AveragePrecision((ObjectClass)c, iouThreshold);
            if (!double.IsNaN(ap))
            {
                sum += ap;
                n++;
            }
        }
        return n == 0 ? double.NaN : sum / n;
    }

    public double MeanAp50 => MeanAveragePrecision(0.5f);

    /// <summary>COCO's headline metric: mAP averaged over IoU thresholds 0.50:0.05:0.95.</summary>
    public double MeanAp50To95 => CocoThresholds.Select(t => MeanAveragePrecision(t)).Average();

    private (long TruePositives, long FalsePositives) Count(float scoreThreshold, float iouThreshold, ObjectClass? cls = null)
    {
        ushort bit = Bit(iouThreshold);
        long tp = 0, fp = 0;
        int first = cls is { } only ? (int)only : 0, end = cls is null ? PerceptionClasses.ObjectClassCount : first + 1;
        for (int c = first; c < end; c++)
        {
            foreach (Outcome o in Ranked((ObjectClass)c))
            {
                if (o.Score < scoreThreshold)
                {
                    break;
                }
                if ((o.Ignored & bit) == 0)
                {
                    tp += (o.TruePositive & bit) != 0 ? 1 : 0;
                    fp += (o.TruePositive & bit) == 0 ? 1 : 0;
                }
            }
        }
        return (tp, fp);
    }

    private static ushort Bit(float iouThreshold)
    {
        for (int k = 0; k < CocoThresholds.Length; k++)
        {
            if (Math.Abs(CocoThresholds[k] - iouThreshold) < 1e-6f)
            {
                return (ushort)(1 << k);
            }
        }
        throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "detections are matched at COCO's IoU thresholds 0.50, 0.55, …, 0.95 only");
    }

    /// <summary>The class's outcomes by descending score: the ones added since the last query are sorted (stably) and
    /// merged in after the older ones of the same score.</summary>
    private List<Outcome> Ranked(ObjectClass cls)
    {
        List<Outcome> incoming = _incoming[(int)cls], ranked = _ranked[(int)cls];
        if (incoming.Count == 0)
        {
            return ranked;
        }
        Outcome[] fresh = [.. incoming];
        int[] arrival = [.. Enumerable.Range(0, fresh.Length)];
        Array.Sort(arrival, (a, b) => fresh[a].Score != fresh[b].Score ? fresh[b].Score.CompareTo(fresh[a].Score) : a.CompareTo(b));
        int old = ranked.Count;
        ranked.AddRange(fresh); // room; rewritten from the back below
        int i = old - 1, f = fresh.Length - 1;
        for (int w = ranked.Count - 1; f >= 0; w--)
        {
            // From the back: the lowest score goes last; on a tie the fresh one (which arrived later) goes after.
            if (i >= 0 && ranked[i].Score < fresh[arrival[f]].Score)
            {
                ranked[w] = ranked[i--];
            }
            else
            {
                ranked[w] = fresh[arrival[f--]];
            }
        }
        incoming.Clear();
        return ranked;
    }

    private void EnsureScratch(int truth, int detections)
    {
        if (_order.Length < detections)
        {
            _order = new int[Math.Max(detections, 2 * _order.Length)];
        }
        if (_iou.Length < truth * detections)
        {
            _iou = new float[Math.Max(truth * detections, 2 * _iou.Length)];
        }
        if (_taken.Length < truth)
        {
            _taken = new bool[Math.Max(truth, 2 * _taken.Length)];
        }
    }
}
