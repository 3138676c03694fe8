using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Perception.Models;

/// <summary>The three heads of <see cref="ObjectNet"/> at stride 4: heatmap logits (sigmoid not applied)
/// [N, 5, H/4, W/4], box size [N, 2, ..] (width, height in input pixels) and centre offset [N, 2, ..] (cells).</summary>
public readonly record struct ObjectHeads(Tensor HeatmapLogits, Tensor BoxSize, Tensor BoxOffset);

/// <summary>
/// Anchor-free centre-point object detector (CenterNet-style, stride 4) over a float NCHW [N, 3, H, W] image in
/// [0, 1] (H, W multiples of 16). Encoder 3×3 stride-2 convolutions to 1/16 with a 3×3 at 1/4 and a bottleneck at
/// 1/16; decoder transposed convolutions back to 1/4 with additive skips; a shared 3×3 head and three 1×1 outputs.
/// At 96×96: 8.40 M multiply-accumulates (≈ 17 MFLOPs) and 56,409 parameters (see <see cref="Cost"/>).
/// </summary>
public sealed partial class ObjectNet : Module
{
    /// <summary>Initial heatmap bias: sigmoid(−2.19) ≈ 0.1, CenterNet's prior, so the focal loss starts stable.</summary>
    public const double HeatmapPriorBias = -2.19;

    public const int Stride = 4;
    public const int SizeMultiple = 16;

    public const int MaxWidth = 4;

    /// <summary>Channel multiplier this network was built with.</summary>
    public int Width { get; }

    private readonly Conv2d _enc1, _enc2, _enc2b, _enc3, _enc4, _mid, _head, _heat, _size, _offset;
    private readonly ConvTranspose2d _up3, _up2;

    /// <summary>Channel multiplier of a network built without one: 1, the small network (the first shipped model's;
    /// cheap for tests).</summary>
    public const int DefaultWidth = 1;

    /// <summary>Channel multiplier of the shipped <c>models/perception-objects.onnx</c> and the default of
    /// <c>sim perception train --width</c>.</summary>
    public const int ShippedWidth = 4;

    /// <param name="generator">Seeds the initial weights.</param>
    /// <param name="width">Channel multiplier (1 to 4): every layer's channels times this (8·w, 16·w, 32·w at 1/2, 1/4,
    /// 1/8 and 1/16); the cost grows about as its square.</param>
    public ObjectNet(Generator? generator = null, int width = DefaultWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxWidth);
        Width = width;
        int c1 = 8 * width, c2 = 16 * width, c3 = 32 * width;
        _enc1 = RegisterModule("enc1", new Conv2d(3, c1, 3, 2, 1, generator: generator));
        _enc2 = RegisterModule("enc2", new Conv2d(c1, c2, 3, 2, 1, generator: generator));
        _enc2b = RegisterModule("enc2b", new Conv2d(c2, c2, 3, 1, 1, generator: generator));
        _enc3 = RegisterModule("enc3", new Conv2d(c2, c3, 3, 2, 1, generator: generator));
        _enc4 = RegisterModule("enc4", new Conv2d(c3, c3, 3, 2, 1, generator: generator));
        _mid = RegisterModule("mid", new Conv2d(c3, c3, 3, 1, 1, generator: generator));
        _up3 = RegisterModule("up3", new ConvTranspose2d(c3, c3, 4, 2, 1, generator: generator));
        _up2 = RegisterModule("up2", new ConvTranspose2d(c3, c2, 4, 2, 1, generator: generator));
        _head = RegisterModule("head", new Conv2d(c2, c3, 3, 1, 1, generator: generator));
        _heat = RegisterModule("heatmap", new Conv2d(c3, Data.PerceptionClasses.ObjectClassCount, 1, generator: generator));
        _size = RegisterModule("box_size", new Conv2d(c3, 2, 1, generator: generator));
        _offset = RegisterModule("box_offset", new Conv2d(c3, 2, 1, generator: generator));
        using (GradMode.NoGrad())
        {
            _heat.Bias!.Fill(HeatmapPriorBias);
        }
    }

    /// <summary>The three heads (heatmap as logits, for the loss).</summary>
    public ObjectHeads ForwardHeads(Tensor input)
    {
        Tensor h = Trunk(input);
        return new ObjectHeads(_heat.Forward(h), _size.Forward(h), _offset.Forward(h));
    }

    /// <summary>The exported model's first output, the heatmap probabilities [N, 5, H/4, W/4] (every head is
    /// computed, as in the exported graph, so this costs what the ONNX model costs); <see cref="ForwardHeads"/> gives
    /// all three.</summary>
    public override Tensor Forward(Tensor input) => ForwardHeads(input).HeatmapLogits.Sigmoid();

    /// <summary>The three exported outputs concatenated on the channel axis: [N, 9, H/4, W/4] = heatmap probabilities
    /// (5 channels), box size (2), box offset (2).</summary>
    public Tensor ForwardOutputs(Tensor input)
    {
        ObjectHeads o = ForwardHeads(input);
        return Tensor.Cat([o.HeatmapLogits.Sigmoid(), o.BoxSize, o.BoxOffset], 1);
    }

    private Tensor Trunk(Tensor input)
    {
        Tensor e1 = _enc1.Forward(input).Relu();
        Tensor e2 = _enc2b.Forward(_enc2.Forward(e1).Relu()).Relu();
        Tensor e3 = _enc3.Forward(e2).Relu();
        Tensor e4 = _enc4.Forward(e3).Relu();
        Tensor m = _mid.Forward(e4).Relu();
        Tensor u3 = (_up3.Forward(m) + e3).Relu();
        Tensor u2 = (_up2.Forward(u3) + e2).Relu();
        return _head.Forward(u2).Relu();
    }

    /// <summary>Multiply-accumulates for one square frame of side <paramref name="size"/>.</summary>
    public NetworkCost Cost(int size)
    {
        var c = new NetworkCost();
        long s1 = c.Conv(_enc1, size), s2 = c.Conv(_enc2, s1);
        c.Conv(_enc2b, s2);
        long s3 = c.Conv(_enc3, s2), s4 = c.Conv(_enc4, s3);
        c.Conv(_mid, s4);
        c.ConvTranspose(_up3, s4);
        c.ConvTranspose(_up2, s3);
        c.Conv(_head, s2);
        c.Conv(_heat, s2);
        c.Conv(_size, s2);
        c.Conv(_offset, s2);
        return c;
    }
}
