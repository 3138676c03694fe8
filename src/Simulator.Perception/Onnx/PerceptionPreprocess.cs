using Simulator.Torch;

namespace Simulator.Perception.Onnx;

/// <summary>
/// The shared preprocessing of model convention v1 in libtorch, op for op the graph's
/// (<see cref="OnnxGraph.Preprocess"/>): uint8 [N,H,W,4] RGBA → float [N,3,H,W] in [0,1].
/// </summary>
public static class PerceptionPreprocess
{
    /// <summary>The float32 factor both sides multiply by (1/255 rounded to float once).</summary>
    public const float Scale = 1f / 255f;

    public static Tensor Forward(Tensor uint8Nhwc)
    {
        ArgumentNullException.ThrowIfNull(uint8Nhwc);
        if (uint8Nhwc.Dim != 4 || uint8Nhwc.Size(3) != 4)
        {
            throw new ArgumentException($"expected uint8 [N,H,W,4], got {uint8Nhwc}", nameof(uint8Nhwc));
        }
        using Tensor asFloat = uint8Nhwc.To(DType.Float32);
        using Tensor rgb = asFloat.Slice(3, 0, 3);
        using Tensor nchw = rgb.Permute(0, 3, 1, 2);
        using Tensor scale = Tensor.Scalar(Scale);
        return nchw.Mul(scale);
    }
}
