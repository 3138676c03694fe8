using System.Diagnostics;
using System.Runtime.InteropServices;
using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Perception.Onnx;

/// <summary>
/// Exports a network, then times ONNX Runtime (through <see cref="OnnxBatchRunner"/>, input bound over native memory)
/// against the libtorch forward of the same network with the same preprocessing (eval, no grad, CPU) on the same
/// random frames. Prints nothing and asserts nothing: callers report the figures.
/// </summary>
public static class PerceptionBenchmark
{
    public static unsafe PerceptionBenchmarkResult Run<TNet>(TNet net, PerceptionBenchmarkOptions options, IReadOnlyList<string>? outputNames = null)
        where TNet : Module, IOnnxExportable
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Rounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RunsPerRound, 1);
        options.Run.RequireProvider();
        net.Eval();
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sim-bench-perception-{Environment.ProcessId}-{Guid.NewGuid():N}.onnx");
        long frameBytes = (long)options.Height * options.Width * 4;
        nuint inputBytes = (nuint)(frameBytes * options.Batch);
        byte* input = (byte*)NativeMemory.AlignedAlloc(inputBytes, 64);
        try
        {
            new Random((int)options.Seed).NextBytes(new Span<byte>(input, checked((int)inputBytes)));
            OnnxExport.Export(net, options.Height, options.Width, path, new Dictionary<string, string> { ["purpose"] = "benchmark" }, outputNames);
            long modelBytes = new FileInfo(path).Length;
            using var model = OnnxModel.Load(path, ModelContract.AnyOutputs(options.Height, options.Width), options.Run);
            using var runner = model.CreateRunner(options.Batch);
            using Tensor frames = Tensor.FromPointer(input, [options.Batch, options.Height, options.Width, 4], DType.UInt8);

            var clock = Stopwatch.StartNew();
            runner.Run((nint)input, options.Batch);
            double firstMs = clock.Elapsed.TotalMilliseconds;

            for (int i = 0; i < 3; i++)
            {
                TorchForward(net, frames).Dispose();
            }
            var onnxRounds = new double[options.Rounds];
            var torchRounds = new double[options.Rounds];
            for (int r = 0; r < options.Rounds; r++)
            {
                clock.Restart();
                for (int i = 0; i < options.RunsPerRound; i++)
                {
                    runner.Run((nint)input, options.Batch);
                }
                onnxRounds[r] = clock.Elapsed.TotalMilliseconds / options.RunsPerRound;
                clock.Restart();
                for (int i = 0; i < options.RunsPerRound; i++)
                {
                    TorchForward(net, frames).Dispose();
                }
                torchRounds[r] = clock.Elapsed.TotalMilliseconds / options.RunsPerRound;
            }

            using Tensor reference = TorchForward(net, frames);
            float[] expected = reference.ToArray<float>();
            ReadOnlySpan<float> actual = runner.Output(0);
            double maxDiff = actual.Length == expected.Length ? 0 : double.PositiveInfinity;
            for (int i = 0; i < Math.Min(actual.Length, expected.Length); i++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - expected[i]));
            }
            double steady = Median(onnxRounds);
            return new PerceptionBenchmarkResult(net.GetType().Name, options.Height, options.Width, options.Batch,
                options.Run.Provider.ToString().ToLowerInvariant(), options.Run.IntraOpThreads, net.ParameterCount(), modelBytes,
                steady / options.Batch, Median(torchRounds) / options.Batch, firstMs, steady, maxDiff, TorchRuntime.NumThreads);
        }
        finally
        {
            NativeMemory.AlignedFree(input);
            File.Delete(path);
        }
    }

    private static Tensor TorchForward(Module net, Tensor frames)
    {
        using var noGrad = GradMode.NoGrad();
        using Tensor x = PerceptionPreprocess.Forward(frames);
        return net.Forward(x);
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
