using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Simulator.Torch.Modules;

namespace Simulator.Perception.Onnx;

/// <summary>Exports a whole perception model: input <c>image</c> uint8 [N,H,W,4], the shared preprocessing, the
/// network, its outputs with their shapes (N dynamic), metadata.</summary>
public static class OnnxExport
{
    public const string InputName = "image";

    /// <summary>Writes the model to <paramref name="path"/> (atomically). Outputs the network did not name itself
    /// are called <paramref name="outputNames"/>[i] (default: the value's name).</summary>
    public static void Export<TNet>(TNet net, int height, int width, string path, IReadOnlyDictionary<string, string>? metadata = null,
        IReadOnlyList<string>? outputNames = null, int opset = OnnxGraph.DefaultOpset) where TNet : Module, IOnnxExportable
    {
        OnnxGraph graph = Build(net, height, width, metadata, outputNames);
        graph.Save(path, opset);
    }

    /// <summary>The model's bytes (see <see cref="Export"/>).</summary>
    public static byte[] ToBytes<TNet>(TNet net, int height, int width, IReadOnlyDictionary<string, string>? metadata = null,
        IReadOnlyList<string>? outputNames = null, int opset = OnnxGraph.DefaultOpset) where TNet : Module, IOnnxExportable =>
        Build(net, height, width, metadata, outputNames).ToBytes(opset);

    /// <summary>
    /// Builds the graph twice: first with symbolic output dims, which ONNX Runtime runs once on one zero frame to
    /// learn the output shapes, then with those shapes declared (N stays dynamic) so a loader can check them.
    /// </summary>
    public static OnnxGraph Build<TNet>(TNet net, int height, int width, IReadOnlyDictionary<string, string>? metadata = null,
        IReadOnlyList<string>? outputNames = null) where TNet : Module, IOnnxExportable
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        OnnxGraph probe = Emit(net, height, width, metadata, outputNames, shapes: null);
        Dictionary<string, long[]> shapes = OutputShapes(probe.ToBytes(), height, width);
        return Emit(net, height, width, metadata, outputNames, shapes);
    }

    private static OnnxGraph Emit(IOnnxExportable net, int height, int width, IReadOnlyDictionary<string, string>? metadata,
        IReadOnlyList<string>? outputNames, Dictionary<string, long[]>? shapes)
    {
        var g = new OnnxGraph(net.GetType().Name);
        string h = height.ToString(CultureInfo.InvariantCulture), w = width.ToString(CultureInfo.InvariantCulture);
        string image = g.Input(InputName, OnnxElementType.UInt8, "N", h, w, "4");
        string[] values = net.EmitOnnx(g, g.Preprocess(image));
        if (values.Length == 0)
        {
            throw new InvalidOperationException($"{net.GetType().Name}.EmitOnnx returned no outputs");
        }
        if (outputNames is not null && outputNames.Count != values.Length)
        {
            throw new ArgumentException($"{outputNames.Count} output names for {values.Length} network outputs", nameof(outputNames));
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (g.IsOutput(values[i]))
            {
                continue;
            }
            string name = outputNames?[i] ?? values[i];
            string[] dims = shapes is null
                ? ["N", $"{name}_c", $"{name}_h", $"{name}_w"]
                : ["N", .. shapes[name].Skip(1).Select(d => d.ToString(CultureInfo.InvariantCulture))];
            g.Output(name, values[i], OnnxElementType.Float, dims);
        }
        if (metadata is not null)
        {
            foreach (var pair in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                g.Metadata(pair.Key, pair.Value);
            }
        }
        return g;
    }

    private static Dictionary<string, long[]> OutputShapes(byte[] model, int height, int width)
    {
        try
        {
            using var runOptions = new RunOptions();
            using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
            using var session = new InferenceSession(model, options);
            using var input = OrtValue.CreateTensorValueFromMemory(new byte[height * width * 4], [1, height, width, 4]);
            using var results = session.Run(runOptions, [InputName], [input], session.OutputNames);
            var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
            for (int i = 0; i < results.Count; i++)
            {
                shapes[session.OutputNames[i]] = results[i].GetTensorTypeAndShape().Shape;
            }
            return shapes;
        }
        catch (OnnxRuntimeException e)
        {
            throw new ArgumentException($"the exported network does not run on {width}x{height} frames: {OnnxModelFile.CleanMessage(e.Message)}", e);
        }
    }
}
