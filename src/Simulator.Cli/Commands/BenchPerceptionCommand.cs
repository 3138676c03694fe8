using System.CommandLine;
using System.Globalization;
using Simulator.Perception.Onnx;

namespace Simulator.Cli.Commands;

/// <summary>`sim bench perception`: ONNX Runtime batched inference per frame beside the libtorch forward of the same
/// network (both with the shared preprocessing), and the first batch after warm-up against a steady one.</summary>
internal static class BenchPerceptionCommand
{
    public const int MaxBatch = 1024;
    public const int MaxSide = 1024;

    public static Command Create()
    {
        var network = new Option<string>("--network")
        {
            Description = $"Network to benchmark ({string.Join(", ", PerceptionNetworkRegistry.Names)})",
            DefaultValueFactory = _ => "reference",
        };
        var batch = CommonOptions.Positive("--batch", "Frames per batch (camera frames of one step)", 8, MaxBatch);
        var size = CommonOptions.Size("--size", "Frame size (multiples of 4)", "96x96", 4, MaxSide);
        var ep = new Option<string>("--ep") { Description = "ONNX Runtime execution provider: cpu, cuda or dml", DefaultValueFactory = _ => "cpu" };
        var threads = CommonOptions.Positive("--threads", "ONNX Runtime intra-op threads", 1, BenchCommand.MaxThreads);
        var torchThreads = CommonOptions.OptionalInt("--torch-threads", "libtorch intra-op threads for its forward (default: the host's setting)", 1, BenchCommand.MaxThreads);
        var rounds = CommonOptions.Positive("--rounds", "Rounds (each times ONNX Runtime, then libtorch)", 5, 100);
        var runs = CommonOptions.Positive("--runs", "Batches per engine and round", 20, 10_000);
        var json = CommonOptions.Json();
        var cmd = new Command("perception", "Per-frame cost of batched ONNX Runtime inference beside the libtorch forward of the same network")
        {
            network, batch, size, ep, threads, torchThreads, rounds, runs, json,
        };
        cmd.SetAction(parse =>
        {
            var (w, h) = CommonOptions.ParseSize(parse.GetValue(size)!, "--size", 4, MaxSide);
            if (w % 4 != 0 || h % 4 != 0)
            {
                throw new Core.SimInputException($"{w}x{h} is not a multiple of 4 on both sides", path: "--size",
                    hint: "the perception networks downsample by 4, e.g. 96x96 or 128x96");
            }
            var options = new PerceptionBenchmarkOptions
            {
                Width = w,
                Height = h,
                Batch = parse.GetValue(batch),
                Rounds = parse.GetValue(rounds),
                RunsPerRound = parse.GetValue(runs),
                Run = new OnnxRunOptions
                {
                    Provider = OnnxRunOptions.ParseProvider(parse.GetValue(ep)!),
                    IntraOpThreads = parse.GetValue(threads),
                },
            };
            string name = parse.GetValue(network)!;
            if (parse.GetValue(torchThreads) is int n)
            {
                Torch.TorchRuntime.NumThreads = n; // the CLI is the host: it may set libtorch's threads for this run
            }
            var r = PerceptionNetworkRegistry.Get(name).Benchmark(options);
            var output = new Output(parse);
            if (parse.GetValue(json))
            {
                output.Json(new
                {
                    network = name, r.Height, r.Width, r.Batch, r.Provider, r.IntraOpThreads, r.Parameters, r.ModelBytes,
                    r.OnnxMsPerFrame, r.TorchMsPerFrame, r.TorchOverOnnx, r.OnnxFirstRunMs, r.OnnxSteadyRunMs, r.FirstOverSteady,
                    r.MaxAbsDifference, r.TorchThreads, cores = Environment.ProcessorCount,
                });
                return 0;
            }
            string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
            output.Line(I($"bench perception: '{name}' ({r.Network}, {r.Parameters:N0} parameters, {r.ModelBytes / 1024.0:0.0} KiB ONNX), {r.Width}x{r.Height}, batch {r.Batch}, ep {r.Provider}, {r.IntraOpThreads} ONNX Runtime thread(s), {Environment.ProcessorCount} cores; medians of {options.Rounds} alternating rounds"));
            output.Line(I($"  ONNX Runtime:  {r.OnnxMsPerFrame,8:0.000} ms per frame ({r.OnnxSteadyRunMs:0.000} ms per batch)"));
            output.Line(I($"  libtorch:      {r.TorchMsPerFrame,8:0.000} ms per frame (same network and preprocessing, eval, no grad, CPU, {r.TorchThreads} thread(s))"));
            output.Line(I($"  ratio:         libtorch / ONNX Runtime = {r.TorchOverOnnx:0.00}"));
            output.Line(I($"  first batch:   {r.OnnxFirstRunMs:0.000} ms after warm-up = {r.FirstOverSteady:0.00} x a steady batch"));
            output.Line(I($"  agreement:     max |ONNX Runtime - libtorch| = {r.MaxAbsDifference:0.###E+0} on the first output"));
            return 0;
        });
        return cmd;
    }
}
