using Simulator.Perception.Data;
using Simulator.Perception.Decoding;
using Simulator.Perception.Metrics;
using Simulator.Perception.Models;
using Simulator.Torch;

namespace Simulator.Perception.Training;

/// <summary>
/// Trains a <see cref="LaneNet"/> on the frames' lane classes: class-weighted cross-entropy plus soft Dice
/// (<see cref="PerceptionLosses.Lane"/>). Validation: lane IoU (the lane area, road ∪ marking, predicted vs true,
/// pooled over all validation pixels; the primary metric) and per-class IoU of road and marking.
/// </summary>
public sealed class LaneTrainer : PerceptionTrainer
{
    /// <summary>Cross-entropy weights of other, road and marking (markings are a few percent of the pixels).</summary>
    public static readonly float[] ClassWeights = [1f, 1f, 4f];

    public const double DiceWeight = 0.5;

    private readonly float[] _oneHot;
    private readonly Tensor _tOneHot, _tWeights;
    private readonly float[] _logits;
    private readonly byte[] _predicted;
    private readonly LaneDecoder? _decoder;
    private SegmentationMetrics _segmentation = new();
    private LaneMetrics _lanes = new();

    /// <param name="camera">The frames' camera: with it, validation also fits lane lines (<see cref="LaneDecoder"/>) and
    /// reports their lateral error against the true lanes (<see cref="LaneMetrics"/>).</param>
    public LaneTrainer(LaneNet net, IReadOnlyList<PerceptionFrame> train, IReadOnlyList<PerceptionFrame> validation, PerceptionTrainOptions options,
        GroundCamera? camera = null)
        : base(net, train, validation, options, LaneNet.SizeMultiple)
    {
        if (camera is { } cam)
        {
            _decoder = new LaneDecoder(Width, Height, cam);
        }
        int c = PerceptionClasses.LaneClassCount;
        _oneHot = GC.AllocateArray<float>(options.BatchSize * c * Height * Width, pinned: true);
        _tOneHot = Tensor.FromArrayNoCopy(_oneHot, options.BatchSize, c, Height, Width).DetachFromScope();
        _tWeights = Tensor.FromArray(ClassWeights, 1, c, 1, 1).DetachFromScope();
        _logits = new float[options.BatchSize * c * Height * Width];
        _predicted = new byte[Height * Width];
    }

    public const string LaneIou = "lane_iou";

    public override string PrimaryMetric => LaneIou;

    protected override void StageTargets(IReadOnlyList<PerceptionFrame> frames, ReadOnlySpan<int> samples, ReadOnlySpan<bool> flips)
    {
        int plane = Width * Height, c = PerceptionClasses.LaneClassCount;
        for (int i = 0; i < samples.Length; i++)
        {
            Span<float> dst = _oneHot.AsSpan(i * c * plane, c * plane);
            dst.Clear();
            ReadOnlySpan<byte> classes = frames[samples[i]].Classes;
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    int k = Math.Min((int)classes[y * Width + (flips[i] ? Width - 1 - x : x)], c - 1);
                    dst[k * plane + y * Width + x] = 1f;
                }
            }
        }
    }

    protected override Tensor Loss(Tensor images, int count) =>
        PerceptionLosses.Lane(Net.Forward(images), _tOneHot.Slice(0, 0, count), _tWeights, DiceWeight);

    protected override void BeginValidation()
    {
        _segmentation = new SegmentationMetrics();
        _lanes = new LaneMetrics();
    }

    protected override void Score(Tensor images, int count, int first)
    {
        int plane = Width * Height, c = PerceptionClasses.LaneClassCount;
        Tensor logits = Net.Forward(images).Contiguous();
        logits.CopyTo<float>(_logits.AsSpan(0, count * c * plane));
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> one = _logits.AsSpan(i * c * plane, c * plane);
            LaneDecoder.ArgMax(one, plane, _predicted);
            _segmentation.Add(_predicted, Validation[first + i].Classes);
            if (_decoder is not null)
            {
                _lanes.Add(Validation[first + i].Lanes, _decoder.Decode(one));
            }
        }
    }

    protected override Dictionary<string, double> EndValidation()
    {
        var metrics = new Dictionary<string, double>
        {
            [LaneIou] = _segmentation.LaneIou,
            ["road_iou"] = _segmentation.RoadIou,
            ["marking_iou"] = _segmentation.MarkingIou,
        };
        if (_decoder is not null)
        {
            metrics["lateral_error_m"] = _lanes.MeanLateralError;
            metrics["lanes_matched"] = _lanes.TrueLanes == 0 ? double.NaN : (double)_lanes.MatchedLanes / _lanes.TrueLanes;
            metrics["lanes_false"] = _lanes.Frames == 0 ? double.NaN : (double)_lanes.FalseLanes / _lanes.Frames;
        }
        return metrics;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tOneHot.Dispose();
            _tWeights.Dispose();
        }
        base.Dispose(disposing);
    }
}
