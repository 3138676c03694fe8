using Simulator.Core;
using Simulator.Driving.Scenes;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;
using Simulator.Learning.Tests;
using Simulator.Torch;
using Simulator.Viewer.Training;

namespace Simulator.Viewer.Tests;

public class TrainingFeedTests
{
    private static readonly PpoOptions s_imageOptions = new()
    {
        RolloutLength = 8,
        Epochs = 2,
        Minibatches = 2,
        ShiftPad = 2,
        Seed = 5,
        Network = new NetworkOptions { FrameStack = 2, RecurrentSize = 16, ImageFeatures = 32, VectorHidden = [8] },
    };

    private static (float[] Params, PpoIterationStats[] Stats) Train(IVectorEnv env, PpoOptions options, int iterations, ITrainingObserver? observer)
    {
        using var ppo = new PpoTrainer(env, options);
        if (observer != null)
        {
            ppo.Observer = observer;
        }
        var stats = new PpoIterationStats[iterations];
        for (int i = 0; i < iterations; i++)
        {
            stats[i] = ppo.Iterate();
        }
        using var scope = TorchScope.Enter();
        return (ppo.Policy.Parameters().SelectMany(p => p.ToArray<float>()).ToArray(), stats);
    }

    [Fact]
    public void Training_with_images_is_bit_identical_with_and_without_a_feed()
    {
        var without = Train(new ImageBanditEnv(4), s_imageOptions, 3, null);
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0, WatchedEnvs = 4 });
        var with = Train(new ImageBanditEnv(4), s_imageOptions, 3, feed);
        Assert.Equal(without.Params, with.Params);
        Assert.Equal(without.Stats, with.Stats);

        // The feed saw every iteration and copied the frames.
        Assert.True(feed.Metrics.TryTakeNewest());
        Assert.Equal(3, feed.Metrics.Front.Count);
        Assert.Equal(with.Stats[2].TotalSteps, feed.Metrics.Front.Latest.TotalSteps);
        Assert.Equal(with.Stats[2].PolicyLoss, feed.Metrics.Front.Latest.PolicyLoss);
        Assert.True(feed.Envs.TryTakeNewest());
        EnvTile tile = feed.Envs.Front.Tiles[3];
        Assert.Equal((36, 36), (tile.Width, tile.Height));
        Assert.Contains((byte)220, tile.Rgb.ToArray()); // the bandit's bright block
    }

    [Fact]
    public void Training_driving_envs_is_bit_identical_and_the_feed_copies_snapshots()
    {
        var generator = new SceneGeneratorOptions { Length = 400, TimeLimit = 1 };
        var options = new PpoOptions { RolloutLength = 40, Epochs = 1, Minibatches = 2, Seed = 3, Network = new NetworkOptions { VectorHidden = [16] } };
        DrivingVectorEnv Env() => new([SceneGenerator.Generate(1, generator), SceneGenerator.Generate(2, generator)]);
        using var a = Env();
        var without = Train(a, options, 2, null);
        using var b = Env();
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0, WatchedEnvs = 2 });
        var with = Train(b, options, 2, feed);
        Assert.Equal(without.Params, with.Params);
        Assert.Equal(without.Stats, with.Stats);

        Assert.True(feed.Envs.TryTakeNewest());
        EnvTile tile = feed.Envs.Front.Tiles[1];
        Assert.NotNull(tile.Snapshot);
        Assert.NotSame(b.Inner.Snapshots[1], tile.Snapshot);
        Assert.Equal(b.Inner.Snapshots[1].ContentHash(), tile.Snapshot!.ContentHash());
        Assert.Equal(b.Inner.Snapshots[1].Episode, tile.Episode);
        Assert.True(tile.Episode >= 2, "a 1 s time limit ends episodes within 80 steps");
        Assert.InRange(feed.CleanLapRate, 0, 1); // episodes ended, none clean on a 1 s limit
        Assert.Equal(0, feed.CleanLapRate);
    }

    [Fact]
    public void A_wrapped_driving_env_still_gives_the_feed_snapshots_and_lap_rates()
    {
        // `sim train --watch --foxglove` hands the trainer a telemetry pass-through around the driving env.
        var generator = new SceneGeneratorOptions { Length = 400, TimeLimit = 1 };
        var options = new PpoOptions { RolloutLength = 40, Epochs = 1, Minibatches = 2, Seed = 3, Network = new NetworkOptions { VectorHidden = [16] } };
        using var env = new DrivingVectorEnv([SceneGenerator.Generate(1, generator), SceneGenerator.Generate(2, generator)]);
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0, WatchedEnvs = 2 });
        Train(new PassThrough(env), options, 2, feed);
        Assert.True(feed.Envs.TryTakeNewest());
        EnvTile tile = feed.Envs.Front.Tiles[0];
        Assert.NotNull(tile.Snapshot);
        Assert.Equal(env.Inner.Snapshots[0].ContentHash(), tile.Snapshot!.ContentHash());
        Assert.Equal(0, feed.CleanLapRate); // a number, not NaN: the feed knew it was driving
    }

    private sealed class PassThrough(DrivingVectorEnv env) : IVectorEnv, IDrivingEnvSource
    {
        public DrivingVectorEnv DrivingEnv => env;
        public int NumEnvs => env.NumEnvs;
        public ObservationSpec ObservationSpec => env.ObservationSpec;
        public ActionSpec ActionSpec => env.ActionSpec;
        public ReadOnlySpan<byte> Images => env.Images;
        public ReadOnlySpan<float> Vectors => env.Vectors;
        public bool HasFinalObservations => env.HasFinalObservations;
        public ReadOnlySpan<byte> FinalImages => env.FinalImages;
        public ReadOnlySpan<float> FinalVectors => env.FinalVectors;
        public void Reset(ulong seed) => env.Reset(seed);
        public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated) => env.Step(actions, rewards, terminated, truncated);
    }

    [Fact]
    public void A_slow_reader_never_blocks_training()
    {
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0, WatchedEnvs = 4 });
        using var stop = new CancellationTokenSource();
        int taken = 0;
        var reader = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (feed.Metrics.TryTakeNewest() | feed.Envs.TryTakeNewest())
                {
                    taken++;
                    // Holds what it read (and a lock on it) far longer than an iteration takes.
                    lock (feed.Metrics.Front)
                    {
                        Thread.Sleep(300);
                    }
                }
                Thread.Sleep(1);
            }
        });
        reader.Start();
        var options = s_imageOptions with { RolloutLength = 16 };
        (_, PpoIterationStats[] stats) = Train(new ImageBanditEnv(4), options, 12, feed);
        stop.Cancel();
        reader.Join();
        Assert.Equal(12, stats[^1].Iteration);
        Assert.Equal(12, feed.Metrics.Published);
        Assert.Equal(12 * 16, feed.Envs.Published);
        Assert.True(taken < 12 * 16, $"the reader kept up ({taken}), so it did not hold anything up");
    }

    [Fact]
    public void The_metric_history_stays_bounded_and_spans_the_whole_run()
    {
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0, HistoryCapacity = 8 });
        int capacity = feed.Metrics.Front.Capacity;
        for (int i = 1; i <= 1000; i++)
        {
            feed.IterationCompleted(new PpoIterationStats { Iteration = i, TotalSteps = i * 100L }, 1000);
            Assert.True(feed.Metrics.TryTakeNewest());
            MetricsHistory h = feed.Metrics.Front;
            Assert.InRange(h.Count, 1, 9);
            Assert.Equal(capacity, h.Capacity);
            Assert.Equal(i, h.Latest.Iteration);
        }
        ReadOnlySpan<TrainingMetricsPoint> points = feed.Metrics.Front.Points;
        Assert.True(points[0].Iteration <= 1000 / 4, $"the history starts early in the run (iteration {points[0].Iteration})");
        for (int i = 1; i < points.Length; i++)
        {
            Assert.True(points[i].Iteration > points[i - 1].Iteration);
        }
    }

    [Fact]
    public void Publishing_allocates_nothing_in_steady_state()
    {
        const int envs = 16;
        var env = new SolidColourEnv(envs, 84, 84);
        var feed = new TrainingFeed(new TrainingFeedOptions { PublishHz = 0, WatchedEnvs = envs, HistoryCapacity = 64 });
        var rewards = new float[envs];
        var ended = new bool[envs];
        var stats = new PpoIterationStats { Iteration = 1, TotalSteps = 16 };
        for (int i = 0; i < 200; i++)
        {
            feed.StepCompleted(env, rewards, ended); // the first publishes of each of the three buffers allocate
            feed.IterationCompleted(stats, 1000);
        }
        (long allocated, int runs) = ThreadAllocations.Smallest(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                ended[i % envs] = i % 7 == 0;
                feed.StepCompleted(env, rewards, ended);
                ended[i % envs] = false;
                feed.IterationCompleted(stats, 1000);
            }
        });
        Assert.Equal(0, allocated);
        Assert.Equal(200 + 1000 * runs, feed.Envs.Published);
    }
}
