using System.Diagnostics;
using Simulator.Perception.Data;
using Simulator.Perception.Dataset;
using Simulator.Rendering.Vulkan;

namespace Simulator.Perception.Loop;

/// <summary>Scores of a perception evaluation (NaN where a model was off or nothing was there to score).</summary>
public sealed record PerceptionEvalReport(
    string Split,
    int Frames,
    IReadOnlyList<string> Sources,
    double LaneIoU,
    double RoadIoU,
    double MarkingIoU,
    double LateralErrorMetres,
    IReadOnlyList<(double Distance, double Error)> LateralErrorByDistance,
    long TrueLanes,
    long MatchedLanes,
    long FalseLanes,
    double Precision,
    double Recall,
    double MeanAp50,
    double MeanAp50To95,
    IReadOnlyList<(string Class, long Objects, double Ap50, double Precision, long FalsePositives)> PerClass,
    IReadOnlyList<(string Heights, long Objects, double MeanAp50)> BySize,
    double InferenceMsPerFrame,
    double FramesPerSecond,
    int Batch,
    string Device);

/// <summary>
/// Runs the perception models on frames rendered from held-out tracks (the dataset generator's test split by default:
/// generated track seeds never used in training, or the given scene files) in batches, and scores every frame against
/// its own ground truth (<see cref="PerceptionScorer"/>).
/// </summary>
public static class PerceptionEvaluation
{
    public static PerceptionEvalReport Run(PerceptionConfig config, PerceptionDatasetOptions data, string split = PerceptionSplits.Test, int batch = 16,
        VulkanRenderer? renderer = null, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        using var stage = PerceptionStage.Create(config, batch);
        if (data.Width != stage.Width || data.Height != stage.Height)
        {
            data = data with { Width = stage.Width, Height = stage.Height };
        }
        using var generator = new PerceptionDatasetGenerator(data, renderer);
        var scorer = new PerceptionScorer();
        // The size bands score the same frames under their own height ranges.
        var bands = Metrics.DetectionFilter.SizeBands.Select(f => new Metrics.DetectionMetrics(f)).ToArray();
        byte[] pixels = GC.AllocateArray<byte>(batch * stage.FrameBytes, pinned: true);
        var pending = new List<PerceptionFrame>(batch);
        var clock = Stopwatch.StartNew();
        int frames = 0;
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        foreach (PerceptionFrame frame in generator.Generate(split))
        {
            frame.Rgba.CopyTo(pixels.AsSpan(pending.Count * stage.FrameBytes));
            pending.Add(frame);
            sources.Add(frame.Info.Scene);
            if (pending.Count == batch)
            {
                Flush();
            }
        }
        Flush();
        double seconds = clock.Elapsed.TotalSeconds;
        var seg = scorer.Segmentation;
        var lanes = scorer.Lanes;
        var det = scorer.Detection;
        bool objects = stage.HasObjects && det.Frames > 0;
        var perClass = objects
            ? Enum.GetValues<ObjectClass>().Select(c => (PerceptionClasses.ObjectClassNames[(int)c], det.TruthCount(c), det.AveragePrecision(c, 0.5f),
                det.Precision(scorer.ScoreThreshold, 0.5f, c), det.FalsePositives(scorer.ScoreThreshold, 0.5f, c))).ToArray()
            : [];
        var bySize = objects
            ? bands.Select(m => (m.Filter.HeightRange, m.TruthCount(), m.MeanAp50)).ToArray()
            : [];
        return new PerceptionEvalReport(split, frames, [.. sources],
            stage.HasLanes ? seg.LaneIou : double.NaN, stage.HasLanes ? seg.RoadIou : double.NaN, stage.HasLanes ? seg.MarkingIou : double.NaN,
            stage.HasLanes ? lanes.MeanLateralError : double.NaN,
            stage.HasLanes ? Metrics.LaneMetrics.Distances.Select((d, k) => (d, lanes.LateralError(k))).ToArray() : [],
            lanes.TrueLanes, lanes.MatchedLanes, lanes.FalseLanes,
            objects ? det.Precision(scorer.ScoreThreshold) : double.NaN, objects ? det.Recall(scorer.ScoreThreshold) : double.NaN,
            objects ? det.MeanAp50 : double.NaN, objects ? det.MeanAp50To95 : double.NaN, perClass, bySize,
            stage.MillisecondsPerFrame, frames / Math.Max(seconds, 1e-9), batch, generator.DeviceName);

        void Flush()
        {
            if (pending.Count == 0)
            {
                return;
            }
            stage.Run(pixels.AsSpan(0, pending.Count * stage.FrameBytes), pending.Count);
            for (int i = 0; i < pending.Count; i++)
            {
                scorer.Add(stage[i], pending[i]);
                if (stage.HasObjects)
                {
                    foreach (var band in bands)
                    {
                        band.Add(pending[i].Boxes, stage[i].Detections);
                    }
                }
            }
            frames += pending.Count;
            pending.Clear();
            progress?.Invoke(frames);
        }
    }
}
