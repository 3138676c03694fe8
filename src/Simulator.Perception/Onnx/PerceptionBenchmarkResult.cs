namespace Simulator.Perception.Onnx;

/// <summary>Figures of one benchmark. Times are medians over rounds, per frame (batch time / batch).</summary>
public sealed record PerceptionBenchmarkResult(
    string Network, int Height, int Width, int Batch, string Provider, int IntraOpThreads, long Parameters, long ModelBytes,
    double OnnxMsPerFrame, double TorchMsPerFrame, double OnnxFirstRunMs, double OnnxSteadyRunMs, double MaxAbsDifference, int TorchThreads)
{
    /// <summary>libtorch time over ONNX Runtime time (above 1: ONNX Runtime is faster).</summary>
    public double TorchOverOnnx => TorchMsPerFrame / OnnxMsPerFrame;
    /// <summary>The first batch after the runner's creation over a steady batch (1 = the warm-up removed the
    /// first-run cost).</summary>
    public double FirstOverSteady => OnnxFirstRunMs / OnnxSteadyRunMs;
}
