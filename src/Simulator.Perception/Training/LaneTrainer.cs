using Simulator.Perception.Data;
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
    private readonly long[] _intersection = new long[PerceptionClasses.LaneClassCount + 1];
    private readonly long[] _union = new long[PerceptionClasses.LaneClassCount + 1];

    public LaneTrainer(LaneNet net, IReadOnlyList<PerceptionFrame> train, IReadOnlyList<PerceptionFrame> validation, PerceptionTrainOptions options)
        : base(net, train, validation, options, LaneNet.SizeMultiple)
    {
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
        Array.Clear(_intersection);
        Array.Clear(_union);
    }

    protected override void Score(Tensor images, int count, int first)
    {
        int plane = Width * Height, c = PerceptionClasses.LaneClassCount;
        Tensor logits = Net.Forward(images).Contiguous();
        logits.CopyTo<float>(_logits.AsSpan(0, count * c * plane));
        for (int i = 0; i < count; i++)
        {
            Decoding.LaneDecoder.ArgMax(_logits.AsSpan(i * c * plane, c * plane), plane, _predicted);
            Accumulate(_predicted, Validation[first + i].Classes, _intersection, _union);
        }
    }

    /// <summary>Adds one image's per-class intersections and unions (index 0..C−1) and the lane area's (index C:
    /// any class other than <see cref="LaneClass.Other"/>).</summary>
    public static void Accumulate(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth, Span<long> intersection, Span<long> union)
    {
        int lane = PerceptionClasses.LaneClassCount;
        for (int p = 0; p < predicted.Length; p++)
        {
            int a = predicted[p], b = Math.Min((int)truth[p], lane - 1);
            if (a == b)
            {
                intersection[a]++;
                union[a]++;
            }
            else
            {
                union[a]++;
                union[b]++;
            }
            bool pa = a != 0, pb = b != 0;
            intersection[lane] += pa && pb ? 1 : 0;
            union[lane] += pa || pb ? 1 : 0;
        }
    }

    protected override Dictionary<string, double> EndValidation()
    {
        static double Ratio(long i, long u) => u == 0 ? 1.0 : (double)i / u;
        return new Dictionary<string, double>
        {
            [LaneIou] = Ratio(_intersection[3], _union[3]),
            ["road_iou"] = Ratio(_intersection[(int)LaneClass.Road], _union[(int)LaneClass.Road]),
            ["marking_iou"] = Ratio(_intersection[(int)LaneClass.LaneMarking], _union[(int)LaneClass.LaneMarking]),
        };
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
