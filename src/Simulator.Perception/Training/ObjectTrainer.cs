using Simulator.Perception.Data;
using Simulator.Perception.Decoding;
using Simulator.Perception.Models;
using Simulator.Torch;

namespace Simulator.Perception.Training;

/// <summary>
/// Trains an <see cref="ObjectNet"/> on the frames' boxes that pass <see cref="DetectableBoxes"/>: CenterNet focal
/// loss on Gaussian heatmaps plus L1 on size (weight <see cref="SizeWeight"/>) and offset at the centres
/// (<see cref="CenterTargets"/>). Validation decodes every frame (<see cref="ObjectDecoder"/>) and scores the boxes
/// against the filtered ground truth with the given <see cref="DetectionScorer"/> (its first metric is the primary
/// one); without a scorer the best epoch is the one with the lowest validation loss.
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
    private readonly DetectedBox[][] _predictions;
    private readonly DetectionScorer? _scorer;

    /// <summary>Scores one validation pass: predictions and detectable ground truth per frame → metrics (the first
    /// entry is maximised by model selection).</summary>
    public delegate Dictionary<string, double> DetectionScorer(IReadOnlyList<DetectedBox[]> predictions, IReadOnlyList<GtBox[]> truth);

    public ObjectTrainer(ObjectNet net, IReadOnlyList<PerceptionFrame> train, IReadOnlyList<PerceptionFrame> validation, PerceptionTrainOptions options,
        DetectionScorer? scorer, DetectableBoxes? detectable = null, ObjectDecoderOptions? decoder = null)
        : base(net, train, validation, options, ObjectNet.SizeMultiple)
    {
        Detectable = detectable ?? DetectableBoxes.Default;
        _scorer = scorer;
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
        _predictions = new DetectedBox[validation.Count][];
        PrimaryMetric = _scorer is null ? NegativeValidationLoss : _scorer([], []).Keys.First();
    }

    public DetectableBoxes Detectable { get; }

    public override string PrimaryMetric { get; }

    private GtBox[][] FilterAll(IReadOnlyList<PerceptionFrame> frames)
    {
        var result = new GtBox[frames.Count][];
        for (int i = 0; i < frames.Count; i++)
        {
            result[i] = Detectable.Filter(frames[i].Boxes);
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

    protected override void BeginValidation() => Array.Clear(_predictions);

    protected override void Score(Tensor images, int count, int first)
    {
        if (_scorer is null)
        {
            return;
        }
        int plane = _gridW * _gridH, per = (_classes + 4) * plane;
        Tensor outputs = Net.Forward(images).Contiguous();
        outputs.CopyTo<float>(_outputs.AsSpan(0, count * per));
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> o = _outputs.AsSpan(i * per, per);
            _predictions[first + i] = _decoder.Decode(o[..(_classes * plane)], o.Slice(_classes * plane, 2 * plane), o.Slice((_classes + 2) * plane, 2 * plane));
        }
    }

    protected override Dictionary<string, double> EndValidation() => _scorer?.Invoke(_predictions, _valBoxes) ?? [];

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
