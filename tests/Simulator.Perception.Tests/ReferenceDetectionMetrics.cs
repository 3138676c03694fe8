using Simulator.Perception.Data;

using Simulator.Perception.Metrics;

namespace Simulator.Perception.Tests;

/// <summary>
/// The first, frame-keeping implementation of <see cref="DetectionMetrics"/> (every frame kept, matched again per
/// query, at any IoU threshold): the oracle the streaming one is checked against on random frames.
/// </summary>
internal sealed class ReferenceDetectionMetrics
{
    private readonly List<(GtBox[] Truth, DetectedBox[] Detections)> _frames = [];

    public ReferenceDetectionMetrics(DetectionFilter? filter = null)
    {
        Filter = filter ?? DetectionFilter.Default;
    }

    public DetectionFilter Filter { get; }

    public int Frames => _frames.Count;

    public void Add(IReadOnlyList<GtBox> truth, IReadOnlyList<DetectedBox> detections)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(detections);
        _frames.Add(([.. truth], [.. detections]));
    }

    /// <summary>Detectable ground-truth boxes of a class (all classes when null).</summary>
    public int TruthCount(ObjectClass? cls = null) => _frames.Sum(f => f.Truth.Count(b => (cls is null || b.Class == cls) && Filter.IsDetectable(b)));

    /// <summary>Precision of the detections scoring at least <paramref name="scoreThreshold"/>, all classes, at IoU
    /// <paramref name="iouThreshold"/> (NaN without such detections).</summary>
    public double Precision(float scoreThreshold, float iouThreshold = 0.5f)
    {
        var (tp, fp, _) = Count(scoreThreshold, iouThreshold);
        return tp + fp == 0 ? double.NaN : (double)tp / (tp + fp);
    }

    /// <summary>Share of detectable ground-truth boxes found by detections scoring at least
    /// <paramref name="scoreThreshold"/> (NaN without ground truth).</summary>
    public double Recall(float scoreThreshold, float iouThreshold = 0.5f)
    {
        var (tp, _, truth) = Count(scoreThreshold, iouThreshold);
        return truth == 0 ? double.NaN : (double)tp / truth;
    }

    /// <summary>101-point interpolated AP of one class at one IoU threshold.</summary>
    public double AveragePrecision(ObjectClass cls, float iouThreshold)
    {
        var scored = new List<(float Score, int Frame, int Order, bool TruePositive)>();
        int truth = 0;
        for (int f = 0; f < _frames.Count; f++)
        {
            var outcome = Match(_frames[f], cls, iouThreshold, float.NegativeInfinity, out int frameTruth);
            truth += frameTruth;
            foreach (var (det, result) in outcome)
            {
                if (result != Outcome.Ignored)
                {
                    scored.Add((det.Score, f, scored.Count, result == Outcome.TruePositive));
                }
            }
        }
        if (truth == 0)
        {
            return double.NaN;
        }
        // Highest score first; ties keep frame then detection order (stable).
        scored.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Order.CompareTo(b.Order));
        var precision = new double[scored.Count];
        var recall = new double[scored.Count];
        int tp = 0;
        for (int i = 0; i < scored.Count; i++)
        {
            tp += scored[i].TruePositive ? 1 : 0;
            precision[i] = (double)tp / (i + 1);
            recall[i] = (double)tp / truth;
        }
        for (int i = precision.Length - 2; i >= 0; i--)
        {
            precision[i] = Math.Max(precision[i], precision[i + 1]);
        }
        double sum = 0;
        int j = 0;
        for (int r = 0; r <= 100; r++)
        {
            double level = r / 100.0;
            while (j < recall.Length && recall[j] < level - 1e-12)
            {
                j++;
            }
            sum += j < recall.Length ? precision[j] : 0;
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
    public double MeanAp50To95 => DetectionMetrics.CocoThresholds.Select(t => MeanAveragePrecision(t)).Average();

    private (int TruePositives, int FalsePositives, int Truth) Count(float scoreThreshold, float iouThreshold)
    {
        int tp = 0, fp = 0, truth = 0;
        foreach (var frame in _frames)
        {
            for (int c = 0; c < PerceptionClasses.ObjectClassCount; c++)
            {
                var matched = Match(frame, (ObjectClass)c, iouThreshold, scoreThreshold, out int frameTruth);
                foreach (var (_, result) in matched)
                {
                    tp += result == Outcome.TruePositive ? 1 : 0;
                    fp += result == Outcome.FalsePositive ? 1 : 0;
                }
                truth += frameTruth;
            }
        }
        return (tp, fp, truth);
    }

    private enum Outcome { TruePositive, FalsePositive, Ignored }

    /// <summary>Greedy COCO matching of one frame and class (detections scoring below <paramref name="minScore"/> are
    /// left out).</summary>
    private List<(DetectedBox Detection, Outcome Result)> Match((GtBox[] Truth, DetectedBox[] Detections) frame, ObjectClass cls,
        float iouThreshold, float minScore, out int detectable)
    {
        var truth = frame.Truth.Where(b => b.Class == cls).ToArray();
        var ignore = truth.Select(b => !Filter.IsDetectable(b)).ToArray();
        detectable = ignore.Count(i => !i);
        var dets = frame.Detections.Select((d, i) => (d, i)).Where(x => x.d.Class == cls && x.d.Score >= minScore)
            .OrderByDescending(x => x.d.Score).ThenBy(x => x.i).Select(x => x.d).ToArray();
        var taken = new bool[truth.Length];
        var result = new List<(DetectedBox, Outcome)>(dets.Length);
        foreach (var d in dets)
        {
            int best = -1;
            float bestIou = iouThreshold;
            for (int g = 0; g < truth.Length; g++)
            {
                if (taken[g] || ignore[g])
                {
                    continue;
                }
                float iou = BoxIou.Of(truth[g], d);
                if (iou >= bestIou)
                {
                    bestIou = iou;
                    best = g;
                }
            }
            if (best >= 0)
            {
                taken[best] = true;
                result.Add((d, Outcome.TruePositive));
                continue;
            }
            bool ignored = false;
            for (int g = 0; g < truth.Length && !ignored; g++)
            {
                ignored = ignore[g] && BoxIou.Of(truth[g], d) >= iouThreshold;
            }
            ignored = ignored || Filter.IgnoresUnmatched(d);
            result.Add((d, ignored ? Outcome.Ignored : Outcome.FalsePositive));
        }
        return result;
    }
}
