using Simulator.Torch.Modules;

namespace Simulator.Perception.Onnx;

public sealed partial class OnnxGraph
{
    /// <summary>The shared preprocessing of model convention v1: uint8 [N,H,W,4] RGBA to float [N,3,H,W] in [0,1]
    /// (Cast, Slice channels 0..3 of the last axis, Transpose NHWC→NCHW, Mul 1/255). Same as
    /// <see cref="PerceptionPreprocess.Forward"/>.</summary>
    public string Preprocess(string uint8Nhwc)
    {
        string asFloat = Node("Cast", [uint8Nhwc], IntAttribute("to", (long)OnnxElementType.Float));
        string prefix = $"preprocess_{_nextId}";
        string rgb = Node("Slice", [asFloat, Initializer(prefix + ".starts", [0L]), Initializer(prefix + ".ends", [3L]),
            Initializer(prefix + ".axes", [3L])]);
        string nchw = Node("Transpose", [rgb], IntsAttribute("perm", 0, 3, 1, 2));
        string scale = Initializer(prefix + ".scale", [PerceptionPreprocess.Scale], []);
        return Node("Mul", [nchw, scale]);
    }

    /// <summary>A convolution with <paramref name="m"/>'s current weights (copied as initializers).</summary>
    public string Conv(string x, Conv2d m, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        string prefix = name ?? $"conv_{_nextId}";
        string weight = Initializer(prefix + ".weight", m.Weight);
        string[] inputs = m.Bias is { } bias ? [x, weight, Initializer(prefix + ".bias", bias)] : [x, weight];
        return Node("Conv", inputs, ConvAttributes(m.Kernel, m.Stride, m.Padding));
    }

    /// <summary>A transposed convolution; the weight layout [in, out, k, k] is ONNX's (C × M/group × kH × kW).</summary>
    public string ConvTranspose(string x, ConvTranspose2d m, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        string prefix = name ?? $"convtranspose_{_nextId}";
        string weight = Initializer(prefix + ".weight", m.Weight);
        string[] inputs = m.Bias is { } bias ? [x, weight, Initializer(prefix + ".bias", bias)] : [x, weight];
        return Node("ConvTranspose", inputs, ConvAttributes(m.Kernel, m.Stride, m.Padding));
    }

    public string Relu(string x) => Node("Relu", [x]);

    public string Sigmoid(string x) => Node("Sigmoid", [x]);

    public string Add(string a, string b) => Node("Add", [a, b]);

    public string Concat(int axis, params string[] xs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(xs.Length, 1, nameof(xs));
        return Node("Concat", xs, IntAttribute("axis", axis));
    }

    /// <summary>Max pooling like libtorch's max_pool2d (padding never wins, floor mode).</summary>
    public string MaxPool(string x, int kernel, int stride, int padding)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        return Node("MaxPool", [x], IntsAttribute("kernel_shape", kernel, kernel), IntsAttribute("strides", stride, stride),
            IntsAttribute("pads", padding, padding, padding, padding));
    }

    private static ProtoWriter[] ConvAttributes(long kernel, long stride, long padding) =>
    [
        IntsAttribute("kernel_shape", kernel, kernel),
        IntsAttribute("strides", stride, stride),
        IntsAttribute("pads", padding, padding, padding, padding),
        IntsAttribute("dilations", 1, 1),
        IntAttribute("group", 1),
    ];
}
