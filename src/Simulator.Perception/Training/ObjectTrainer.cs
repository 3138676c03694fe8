using Simulator.Perception.Data;
using Simulator.Perception.Decoding;
using Simulator.Perception.Metrics;
using Simulator.Perception.Models;
using Simulator.Torch;

namespace Simulator.Perception.Training;

/// <summary>
/// Trains an <see cref="ObjectNet"/> on the frames' boxes that pass the <see cref="DetectionFilter"/>: CenterNet focal
/// loss on Gaussian heatmaps plus L1 on size (weight <see cref="SizeWeight"/>) and offset at the centres
/// (<see cref="CenterTargets"/>). Validation decodes every frame (<see cref="ObjectDecoder"/>) and scores the boxes
/// against the ground truth (<see cref="DetectionMetrics"/>, undetectable boxes as ignore regions): mAP@0.5 (the
/// primary metric), mAP@0.5:0.95, and precision and recall of the detections scoring at least 0.3.
/// </summary>
public sealed class ObjectTrainer : PerceptionTrainer
{
    public const double SizeWeight = 0.1;
    public const double OffsetWeight = 1.0;

    private readonly int _gridW, _gridH, _classes = PerceptionClasses.ObjectClassCount;
    private readonly GtBox[][] _trainBoxes, _valBoxes;
    private readonly float[] _heat, _size, _offset, _mask, _outputs;
    private readonly Tensor _tHeat, _tSize, _tOffset, _tMask;
    private readonly ObjectDecoder _decoder;
    private DetectionMetrics _metrics;

    /// <summary>Score from which precision and recall are reported.</summary>
    public const float ReportScore = 0.3f;

    public ObjectTrainer(ObjectNet net, IReadOnlyList<PerceptionFrame> train, IReadOnlyList<PerceptionFrame> validation, PerceptionTrainOptions options,
        DetectionFilter? detectable = null, ObjectDecoderOptions? decoder = null)
        : base(net, train, validation, options, ObjectNet.SizeMultiple)
    {
        Detectable = detectable ?? DetectionFilter.Default;
        _metrics = new DetectionMetrics(Detectable);
        _gridW = Width / ObjectNet.Stride;
        _gridH = Height / ObjectNet.Stride;
        _trainBoxes = FilterAll(train);
        _valBoxes = FilterAll(validation);
        int b = options.BatchSize, plane = _gridW * _gridH;
        _heat = GC.AllocateArray<float>(b * _classes * plane, pinned: true);
        _size = GC.AllocateArray<float>(b * 2 * plane, pinned: true);
        _offset = GC.AllocateArray<float>(b * 2 * plane, pinned: true);
        _mask = GC.AllocateArray<float>(b * plane, pinned: true);
        _tHeat = Tensor.FromArrayNoCopy(_heat, b, _classes, _gridH, _gridW).DetachFromScope();
        _tSize = Tensor.FromArrayNoCopy(_size, b, 2, _gridH, _gridW).DetachFromScope();
        _tOffset = Tensor.FromArrayNoCopy(_offset, b, 2, _gridH, _gridW).DetachFromScope();
        _tMask = Tensor.FromArrayNoCopy(_mask, b, 1, _gridH, _gridW).DetachFromScope();
        _outputs = new float[b * (_classes + 4) * plane];
        _decoder = new ObjectDecoder(Width, Height, ObjectNet.Stride, _classes, decoder);

    }

    public DetectionFilter Detectable { get; }

    public const string MeanAp50 = "map50";

    public override string PrimaryMetric => MeanAp50;

    private GtBox[][] FilterAll(IReadOnlyList<PerceptionFrame> frames)
    {
        var result = new GtBox[frames.Count][];
        for (int i = 0; i < frames.Count; i++)
        {
            result[i] = [.. frames[i].Boxes.Where(b => Detectable.IsDetectable(b))];
        }
        return result;
    }

    protected override void StageTargets(IReadOnlyList<PerceptionFrame> frames, ReadOnlySpan<int> samples, ReadOnlySpan<bool> flips)
    {
        GtBox[][] boxes = ReferenceEquals(frames, Validation) ? _valBoxes : _trainBoxes;
        int plane = _gridW * _gridH;
        for (int i = 0; i < samples.Length; i++)
        {
            CenterTargets.Build(boxes[samples[i]], ObjectNet.Stride, _gridW, _gridH, flips[i] ? Width : 0,
                _heat.AsSpan(i * _classes * plane, _classes * plane), _size.AsSpan(i * 2 * plane, 2 * plane),
                _offset.AsSpan(i * 2 * plane, 2 * plane), _mask.AsSpan(i * plane, plane));
        }
    }

    protected override Tensor Loss(Tensor images, int count)
    {
        ObjectHeads o = ((ObjectNet)Net).ForwardHeads(images);
        Tensor mask = _tMask.Slice(0, 0, count);
        return PerceptionLosses.Focal(o.HeatmapLogits, _tHeat.Slice(0, 0, count))
            + PerceptionLosses.MaskedL1(o.BoxSize, _tSize.Slice(0, 0, count), mask) * SizeWeight
            + PerceptionLosses.MaskedL1(o.BoxOffset, _tOffset.Slice(0, 0, count), mask) * OffsetWeight;
    }

    protected override void BeginValidation() => _metrics = new DetectionMetrics(Detectable);

    protected override void Score(Tensor images, int count, int first)
    {
        int plane = _gridW * _gridH, per = (_classes + 4) * plane;
        Tensor outputs = ((ObjectNet)Net).ForwardOutputs(images).Contiguous();
        outputs.CopyTo<float>(_outputs.AsSpan(0, count * per));
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> o = _outputs.AsSpan(i * per, per);
            _metrics.Add(Validation[first + i].Boxes, _decoder.Decode(o[..(_classes * plane)], o.Slice(_classes * plane, 2 * plane), o.Slice((_classes + 2) * plane, 2 * plane)));
        }
    }

    protected override Dictionary<string, double> EndValidation()
    {
        var metrics = new Dictionary<string, double>
        {
            [MeanAp50] = _metrics.MeanAp50,
            ["map50_95"] = _metrics.MeanAp50To95,
            ["precision"] = _metrics.Precision(ReportScore),
            ["recall"] = _metrics.Recall(ReportScore),
        };
        for (int c = 0; c < _classes; c++)
        {
            metrics["ap50_" + PerceptionClasses.ObjectClassNames[c]] = _metrics.AveragePrecision((ObjectClass)c, 0.5f);
        }
        return metrics;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tHeat.Dispose();
            _tSize.Dispose();
            _tOffset.Dispose();
            _tMask.Dispose();
        }
        base.Dispose(disposing);
    }
}
