using Microsoft.ML.OnnxRuntime;
using Simulator.Perception.Onnx;
using Simulator.Torch;

namespace Simulator.Perception.Tests;

/// <summary>Runs exported bytes in ONNX Runtime and compares with libtorch.</summary>
internal static class OnnxTestSupport
{
    public const float Tolerance = 1e-5f;

    /// <summary>Runs a model with one input and returns every output (flattened) with its shape.</summary>
    public static (float[] Data, long[] Shape)[] RunOrt<T>(byte[] model, string inputName, T[] input, long[] shape) where T : unmanaged
    {
        using var options = new SessionOptions();
        using var session = new InferenceSession(model, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [inputName], [value], session.OutputNames);
        var outputs = new (float[], long[])[results.Count];
        for (int i = 0; i < results.Count; i++)
        {
            outputs[i] = (results[i].GetTensorDataAsSpan<float>().ToArray(), results[i].GetTensorTypeAndShape().Shape);
        }
        return outputs;
    }

    public static float[] RandomFloats(int count, int seed, float scale = 1f)
    {
        var rng = new Random(seed);
        var data = new float[count];
        for (int i = 0; i < count; i++)
        {
            data[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        }
        return data;
    }

    public static byte[] RandomBytes(int count, int seed)
    {
        var data = new byte[count];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static void AssertClose(Tensor expected, (float[] Data, long[] Shape) actual, float tolerance = Tolerance)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        AssertClose(expected.ToArray<float>(), actual.Data, tolerance);
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            float d = MathF.Abs(expected[i] - actual[i]);
            if (!(d <= worst))
            {
                worst = d;
                at = i;
            }
        }
        Assert.True(worst <= tolerance, $"max |difference| {worst} at element {at} (expected {(at >= 0 ? expected[at] : 0)}, actual {(at >= 0 ? actual[at] : 0)})");
    }

    public static string TempPath(string name) =>
        Path.Combine(Path.GetTempPath(), $"sim-perception-tests-{Environment.ProcessId}-{Guid.NewGuid():N}-{name}");

    /// <summary>A lane-convention model whose graph is built by <paramref name="emit"/> on the preprocessed image.</summary>
    public static byte[] ImageModel(int height, int width, Func<OnnxGraph, string, string> emit, string outputName, OnnxElementType inputType,
        string[] inputDims, string[] outputDims, int opset = OnnxGraph.DefaultOpset)
    {
        var g = new OnnxGraph("test");
        string image = g.Input("image", inputType, inputDims);
        string x = inputType == OnnxElementType.UInt8 ? g.Preprocess(image) : image;
        g.Output(outputName, emit(g, x), OnnxElementType.Float, outputDims);
        return g.ToBytes(opset);
    }
}
