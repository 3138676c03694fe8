namespace Simulator.Perception.Onnx;

/// <summary>
/// What a loader expects of a model file: its inputs and outputs, checked at load so a wrong model fails there
/// with both sides named, not at the first frame. <see cref="AllowExtraOutputs"/> lets user models carry outputs
/// the simulator does not read.
/// </summary>
public sealed record ModelContract(IReadOnlyList<TensorContract> Inputs, IReadOnlyList<TensorContract> Outputs, bool AllowExtraOutputs = false)
{
    /// <summary>Model convention v1's input: <c>image</c> uint8 [N,H,W,4].</summary>
    public static TensorContract Image(int height, int width) =>
        new(OnnxExport.InputName, OnnxElementType.UInt8, TensorContract.Dynamic, height, width, 4);

    /// <summary>Convention v1 lane model (<c>lane_logits</c> float [N,3,H,W]).</summary>
    public static ModelContract LaneModel(int height, int width) =>
        new([Image(height, width)], [new("lane_logits", OnnxElementType.Float, TensorContract.Dynamic, 3, height, width)]);

    /// <summary>Convention v1 object model (centre points at stride 4).</summary>
    public static ModelContract ObjectModel(int height, int width, int classes = 5) => new([Image(height, width)],
    [
        new("heatmap", OnnxElementType.Float, TensorContract.Dynamic, classes, height / 4, width / 4),
        new("box_size", OnnxElementType.Float, TensorContract.Dynamic, 2, height / 4, width / 4),
        new("box_offset", OnnxElementType.Float, TensorContract.Dynamic, 2, height / 4, width / 4),
    ]);

    /// <summary>One <c>image</c> input of the given size and whatever float outputs with a dynamic batch axis the
    /// model declares (what benchmarks and tools that only run a model need).</summary>
    public static ModelContract AnyOutputs(int height, int width) => new([Image(height, width)], [], AllowExtraOutputs: true);
}
