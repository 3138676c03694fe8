namespace Simulator.Perception.Onnx;

/// <summary>Session settings. The defaults keep ONNX Runtime from competing with the simulation for cores: one
/// intra-op thread that sleeps instead of spinning between runs, sequential execution.</summary>
public sealed record OnnxRunOptions
{
    public static readonly OnnxRunOptions Default = new();

    public ExecutionProvider Provider { get; init; } = ExecutionProvider.Cpu;
    /// <summary>ONNX Runtime intra-op threads (1 = run on the calling thread only).</summary>
    public int IntraOpThreads { get; init; } = 1;
    /// <summary>Runs on zero frames a runner does at creation, so the first real frame costs about a steady one.</summary>
    public int WarmupRuns { get; init; } = 5;
    /// <summary>CUDA device index for <see cref="ExecutionProvider.Cuda"/>.</summary>
    public int DeviceId { get; init; }

    /// <summary>Throws a <see cref="Core.SimInputException"/> (at <paramref name="option"/>) listing the available
    /// providers when <see cref="Provider"/> cannot run on this machine.</summary>
    public void RequireProvider(string option = "--ep")
    {
        if (OnnxSessionFactory.MissingProvider(this) is { } missing)
        {
            throw new Core.SimInputException(missing.Problem, path: option, hint: missing.Hint);
        }
    }

    public static ExecutionProvider ParseProvider(string text) => text.ToLowerInvariant() switch
    {
        "cpu" => ExecutionProvider.Cpu,
        "cuda" => ExecutionProvider.Cuda,
        "dml" or "directml" => ExecutionProvider.Dml,
        _ => throw new Core.SimInputException($"unknown execution provider '{text}'", path: "--ep", hint: "use cpu, cuda or dml"),
    };
}
