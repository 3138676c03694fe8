namespace Simulator.Perception.Onnx;

/// <summary>Where ONNX Runtime runs a model (<c>--ep cpu|cuda|dml</c>).</summary>
public enum ExecutionProvider
{
    Cpu,
    /// <summary>NVIDIA GPU; needs the Microsoft.ML.OnnxRuntime.Gpu.Linux native library in place of the CPU one.</summary>
    Cuda,
    /// <summary>DirectML: Windows only.</summary>
    Dml,
}
