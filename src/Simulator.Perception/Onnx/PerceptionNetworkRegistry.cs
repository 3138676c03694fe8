using Simulator.Torch.Modules;

namespace Simulator.Perception.Onnx;

/// <summary>
/// Networks by name for tools that export or benchmark them (<c>sim bench perception --network NAME</c>).
/// "reference" is <see cref="ReferencePerceptionNet"/>; the trained models register themselves beside it.
/// </summary>
public static class PerceptionNetworkRegistry
{
    private static readonly Lock s_lock = new();
    private static readonly SortedDictionary<string, IPerceptionNetworkFactory> s_networks = new(StringComparer.Ordinal)
    {
        ["reference"] = new Factory<ReferencePerceptionNet>("untrained encoder-decoder with the lane model's I/O (lane_logits)",
            () => new ReferencePerceptionNet(), [ReferencePerceptionNet.OutputName]),
    };

    /// <summary>Adds or replaces a network. <paramref name="outputNames"/>: names of the ONNX outputs the network
    /// does not name itself (see <see cref="OnnxExport.Export"/>).</summary>
    public static void Register<TNet>(string name, string description, Func<TNet> create, IReadOnlyList<string>? outputNames = null)
        where TNet : Module, IOnnxExportable
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        lock (s_lock)
        {
            s_networks[name] = new Factory<TNet>(description, create, outputNames);
        }
    }

    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (s_lock)
            {
                return [.. s_networks.Keys];
            }
        }
    }

    public static IPerceptionNetworkFactory Get(string name)
    {
        lock (s_lock)
        {
            if (s_networks.TryGetValue(name, out var factory))
            {
                return factory;
            }
            throw new Core.SimInputException($"unknown perception network '{name}'", path: "--network", hint: $"known: {string.Join(", ", s_networks.Keys)}");
        }
    }

    private sealed class Factory<TNet>(string description, Func<TNet> create, IReadOnlyList<string>? outputNames) : IPerceptionNetworkFactory
        where TNet : Module, IOnnxExportable
    {
        public string Description => description;

        public Module Create() => create();

        public void Export(int height, int width, string path, IReadOnlyDictionary<string, string>? metadata)
        {
            using TNet net = create();
            net.Eval();
            OnnxExport.Export(net, height, width, path, metadata, outputNames);
        }

        public PerceptionBenchmarkResult Benchmark(PerceptionBenchmarkOptions options)
        {
            using TNet net = create();
            return PerceptionBenchmark.Run(net, options, outputNames);
        }
    }
}
