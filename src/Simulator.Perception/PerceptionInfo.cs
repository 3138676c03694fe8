namespace Simulator.Perception;

/// <summary>Versions of the perception stack, printed by the benchmarks and model cards.</summary>
public static class PerceptionInfo
{
    /// <summary>The ONNX Runtime managed API version this build references.</summary>
    public static string OnnxRuntimeVersion => typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version?.ToString() ?? "unknown";
}
