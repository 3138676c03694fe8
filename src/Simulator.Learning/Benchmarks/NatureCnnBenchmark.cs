using System.Diagnostics;
using Simulator.Learning.Networks;
using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Learning.Benchmarks;

/// <summary>Result of <see cref="NatureCnnBenchmark.Run"/>.</summary>
public readonly record struct BenchmarkResult(string Name, int Steps, double Seconds, double StepsPerSecond);

/// <summary>
/// Adam steps per second of the Nature CNN (+ a 512 → 4 head, MSE loss) on random batches: the learner's hot path
/// without the simulator. For the CLI and reports; tests never assert on its timings.
/// </summary>
public static class NatureCnnBenchmark
{
    public static BenchmarkResult Run(int batch, int channels, int size, int steps, int warmup = 3, Device device = Device.Cpu)
    {
        using var g = new Generator(1);
        using var cnn = new NatureCnn(channels, size, size, 512, g);
        using var head = new Linear(512, 4, generator: g);
        cnn.To(device);
        head.To(device);
        var parameters = cnn.Parameters();
        parameters.AddRange(head.Parameters());
        using var adam = new Adam(parameters, 2.5e-4);
        using var x = Tensor.Rand([batch, channels, size, size], g).To(device).DetachFromScope();
        using var target = Tensor.Randn([batch, 4], g).To(device).DetachFromScope();
        var clock = new Stopwatch();
        for (int i = 0; i < warmup + steps; i++)
        {
            if (i == warmup)
            {
                clock.Start();
            }
            using var scope = TorchScope.Enter();
            adam.ZeroGrad();
            head.Forward(cnn.Forward(x)).MseLoss(target).Backward();
            adam.Step();
            if (i == warmup + steps - 1)
            {
                _ = x.Sum().Item(); // synchronise a CUDA stream before stopping the clock
            }
        }
        clock.Stop();
        double seconds = clock.Elapsed.TotalSeconds;
        return new BenchmarkResult($"nature-cnn adam b{batch} {channels}x{size}x{size} {device}", steps, seconds, steps / seconds);
    }
}
