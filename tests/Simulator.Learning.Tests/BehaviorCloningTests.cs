using Simulator.Learning.Benchmarks;
using Simulator.Learning.Env;
using Simulator.Learning.Imitation;
using Simulator.Learning.Networks;
using Simulator.Torch;
using Xunit.Abstractions;

namespace Simulator.Learning.Tests;

public class BehaviorCloningTests(ITestOutputHelper output)
{
    private const int Size = 36;

    /// <summary>Grey images with a bright vertical line; the expert steers toward it: steering = (column − 17.5) / 15.5.</summary>
    private static BcDataset Lines(int count, int seed)
    {
        var rng = new Random(seed);
        var images = new byte[count * Size * Size];
        var actions = new float[count];
        for (int i = 0; i < count; i++)
        {
            int column = rng.Next(2, 34);
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    images[i * Size * Size + y * Size + x] = (byte)(Math.Abs(x - column) <= 1 ? 230 : 40 + rng.Next(20));
                }
            }
            actions[i] = (column - 17.5f) / 15.5f;
        }
        return new BcDataset(count, images, null, actions);
    }

    [Theory]
    [InlineData(BcLoss.Mse)]
    [InlineData(BcLoss.NegativeLogLikelihood)]
    public void LearnsSteeringFromLineImages(BcLoss loss)
    {
        BcDataset train = Lines(512, 1), test = Lines(128, 2);
        using var g = new Generator(4);
        using var policy = new ActorCritic(new ObservationSpec(1, Size, Size, 0), ActionSpec.Continuous([-1f], [1f]),
            new NetworkOptions { ImageFeatures = 64 }, g);
        using var bc = new BehaviorCloning(policy, new BcOptions { LearningRate = 1e-3, BatchSize = 64, Loss = loss, Seed = 5 });
        double initial = bc.Evaluate(test);
        double last = 0;
        for (int epoch = 0; epoch < 25; epoch++)
        {
            last = bc.TrainEpoch(train);
        }
        double final = bc.Evaluate(test);
        output.WriteLine($"{loss}: test MSE {initial:F4} -> {final:F4} (train loss {last:F4})");
        // Target variance is ~0.35; 0.01 means the line position is read to about a pixel.
        Assert.True(final < 0.01, $"held-out MSE {final} (initial {initial})");
    }

    [Fact]
    public void DatasetMismatchIsAnInputError()
    {
        using var g = new Generator(4);
        using var policy = new ActorCritic(ObservationSpec.VectorOnly(3), ActionSpec.Discrete(2), new NetworkOptions(), g);
        using var bc = new BehaviorCloning(policy, new BcOptions());
        Assert.Throws<Core.SimInputException>(() => bc.TrainEpoch(new BcDataset(2, null, new float[5], new float[2])));
    }

    [Fact]
    public void BenchmarkRuns()
    {
        // Timings are printed, never asserted. SIM_BENCH=1 runs the full measurement.
        bool full = Environment.GetEnvironmentVariable("SIM_BENCH") == "1";
        int defaultThreads = TorchRuntime.NumThreads;
        try
        {
            foreach (int threads in full ? new[] { defaultThreads, 1 } : [defaultThreads])
            {
                TorchRuntime.NumThreads = threads;
                foreach (int size in new[] { 64, 84 })
                {
                    BenchmarkResult r = NatureCnnBenchmark.Run(full ? 64 : 4, 3, size, full ? 30 : 2, full ? 3 : 1);
                    output.WriteLine($"{r.Name}, {threads} torch threads: {r.StepsPerSecond:F1} steps/s ({r.Steps} steps in {r.Seconds:F2} s)");
                    Assert.Equal(full ? 30 : 2, r.Steps);
                    Assert.True(r.StepsPerSecond > 0);
                }
            }
        }
        finally
        {
            TorchRuntime.NumThreads = defaultThreads;
        }
    }
}
