namespace Simulator.Perception.Onnx;

/// <summary>A network that can write itself into an <see cref="OnnxGraph"/>.</summary>
public interface IOnnxExportable
{
    /// <summary>Emits the network on the preprocessed input (float [N,3,H,W]) and returns the values it outputs,
    /// in order. A network may name its outputs itself with <see cref="OnnxGraph.Output"/> (then the returned
    /// names are those outputs); otherwise <see cref="OnnxExport.Export"/> declares them.</summary>
    string[] EmitOnnx(OnnxGraph g, string preprocessedInput);
}
