using Simulator.Perception.Onnx;

namespace Simulator.Perception.Loop;

/// <summary>
/// The lane and object models of a <see cref="PerceptionConfig"/>, loaded against model convention v1 (see the
/// README): the image size is read from the lane model (or the object model) and both must agree, so a user model
/// that breaks the convention fails here, naming the file, what was expected and what it has.
/// </summary>
public sealed class PerceptionModels : IDisposable
{
    private PerceptionModels(OnnxModel? lanes, OnnxModel? objects, int width, int height)
    {
        Lanes = lanes;
        Objects = objects;
        Width = width;
        Height = height;
    }

    public OnnxModel? Lanes { get; }
    public OnnxModel? Objects { get; }
    public int Width { get; }
    public int Height { get; }

    public static PerceptionModels Load(PerceptionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        (int h, int w) = ImageSize(config.LaneModel ?? config.ObjectModel!, config.Run);
        OnnxModel? lanes = null, objects = null;
        try
        {
            if (config.LaneModel is not null)
            {
                lanes = OnnxModel.Load(config.LaneModel, ModelContract.LaneModel(h, w), config.Run);
            }
            if (config.ObjectModel is not null)
            {
                objects = OnnxModel.Load(config.ObjectModel, ModelContract.ObjectModel(h, w), config.Run);
            }
            return new PerceptionModels(lanes, objects, w, h);
        }
        catch
        {
            lanes?.Dispose();
            objects?.Dispose();
            throw;
        }
    }

    /// <summary>The height and width of a convention-v1 model's <c>image</c> input (multiples of 4).</summary>
    public static (int Height, int Width) ImageSize(string path, OnnxRunOptions run)
    {
        using OnnxModel probe = OnnxModel.Load(path, ModelContract.AnyOutputs(TensorContract.AnySize, TensorContract.AnySize), run with { WarmupRuns = 0 });
        int[] dims = probe.Session.InputMetadata[OnnxExport.InputName].Dimensions;
        int h = dims[1], w = dims[2];
        if (h <= 0 || w <= 0 || h % 4 != 0 || w % 4 != 0)
        {
            throw new PerceptionModelException(path, $"input '{OnnxExport.InputName}' must have a fixed height and width, multiples of 4: expected uint8 [N,H,W,4], got [{string.Join(",", dims)}]");
        }
        return (h, w);
    }

    public void Dispose()
    {
        Lanes?.Dispose();
        Objects?.Dispose();
    }
}
