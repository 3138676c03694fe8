using Simulator.Perception.Data;
using Simulator.Perception.Metrics;
using Simulator.Telemetry.Messages;

namespace Simulator.Perception.Loop;

/// <summary>
/// Scores perception results against the ground truth of the same frames as they come: lane-area IoU (segmentation),
/// lateral error of the fitted lanes (metres), and detection precision, recall, mAP@0.5 and mAP@0.5:0.95 (COCO
/// style, over the detectable boxes of <see cref="Detectable"/>). Precision and recall count detections scoring at
/// least <see cref="ScoreThreshold"/>.
/// </summary>
public sealed class PerceptionScorer
{
    private PerceptionScores _cached = PerceptionScores.None;
    private long _cachedAt = -1;

    public PerceptionScorer(DetectionFilter? detectable = null, float scoreThreshold = 0.3f)
    {
        Detectable = detectable ?? DetectionFilter.Default;
        ScoreThreshold = scoreThreshold;
        Detection = new DetectionMetrics(Detectable);
    }

    public DetectionFilter Detectable { get; }
    public float ScoreThreshold { get; }
    public SegmentationMetrics Segmentation { get; } = new();
    public LaneMetrics Lanes { get; } = new();
    public DetectionMetrics Detection { get; }

    /// <summary>Frames scored so far.</summary>
    public long Frames { get; private set; }

    /// <summary>Adds one frame: the result of perception on <paramref name="truth"/>'s image.</summary>
    public void Add(PerceptionResult result, PerceptionFrame truth)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(truth);
        if (result.HasLanes)
        {
            Segmentation.Add(result.Classes, truth.Classes);
            Lanes.Add(truth.Lanes, result.Lanes);
        }
        if (result.HasObjects)
        {
            Detection.Add(truth.Boxes, result.Detections);
        }
        Frames++;
    }

    /// <summary>
    /// The running scores. Average precision walks every detection kept so far (matched once, when added), so a live
    /// caller gets values recomputed at most every <paramref name="refreshFrames"/> frames (0: always exact).
    /// </summary>
    public PerceptionScores Scores(double millisecondsPerFrame, int refreshFrames = 30)
    {
        if (_cachedAt < 0 || Frames - _cachedAt >= Math.Max(1, refreshFrames) || refreshFrames == 0)
        {
            bool objects = Detection.Frames > 0;
            _cached = new PerceptionScores(
                Segmentation.Frames > 0 ? Segmentation.LaneIou : double.NaN,
                Lanes.MeanLateralError,
                objects ? Detection.Precision(ScoreThreshold) : double.NaN,
                objects ? Detection.Recall(ScoreThreshold) : double.NaN,
                objects ? Detection.MeanAp50 : double.NaN,
                objects ? Detection.MeanAp50To95 : double.NaN,
                millisecondsPerFrame,
                Frames);
            _cachedAt = Frames;
        }
        return _cached with { MillisecondsPerFrame = millisecondsPerFrame, Frames = Frames };
    }
}
