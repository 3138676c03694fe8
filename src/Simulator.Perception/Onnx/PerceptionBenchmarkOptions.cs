namespace Simulator.Perception.Onnx;

/// <summary>Settings of <see cref="PerceptionBenchmark"/>.</summary>
public sealed record PerceptionBenchmarkOptions
{
    public int Height { get; init; } = 96;
    public int Width { get; init; } = 96;
    public int Batch { get; init; } = 8;
    /// <summary>Rounds; each times ONNX Runtime then libtorch, so drift on a shared machine hits both.</summary>
    public int Rounds { get; init; } = 5;
    /// <summary>Batches run per engine and round.</summary>
    public int RunsPerRound { get; init; } = 20;
    public OnnxRunOptions Run { get; init; } = OnnxRunOptions.Default;
    public ulong Seed { get; init; } = 1;
}
