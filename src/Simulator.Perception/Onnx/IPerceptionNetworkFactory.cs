using Simulator.Torch.Modules;

namespace Simulator.Perception.Onnx;

/// <summary>A registered network: creates, exports or benchmarks it without the caller knowing its type.</summary>
public interface IPerceptionNetworkFactory
{
    string Description { get; }
    Module Create();
    void Export(int height, int width, string path, IReadOnlyDictionary<string, string>? metadata);
    PerceptionBenchmarkResult Benchmark(PerceptionBenchmarkOptions options);
}
