using Simulator.Learning.Benchmarks;
using Simulator.Learning.Env;
using Simulator.Learning.Ppo;
using Simulator.Torch;
using Simulator.Viewer.Training;
using SkiaSharp;

namespace Simulator.Cli.Commands;

/// <summary>
/// What watching a run costs: env steps/s of the same case without a watcher, with the training feed attached, and
/// with the feed plus the training panels drawn at 30 Hz offscreen on another thread (as `sim train --watch` would).
/// The three are run in turn, twice, and each keeps its better run, so a burst of load elsewhere on the machine
/// does not pass for a cost.
/// </summary>
internal sealed record WatchCost(int Envs, double WithoutWatch, double FeedOnly, double WithWatch, long Frames, double FramesPerSecond, double DrawMilliseconds,
    long EnvPublishes, long MetricPublishes)
{
    /// <summary>Env steps/s with the feed attached (no panels) over without: the cost on the training thread alone.</summary>
    public double FeedRatio => FeedOnly / WithoutWatch;

    /// <summary>Env steps/s with the feed and the panels drawing at 30 Hz over without (the drawing thread competes for cores).</summary>
    public double Ratio => WithWatch / WithoutWatch;

    public static WatchCost Measure(IVectorEnv env, PpoOptions options, int iterations, Device device, TrainBenchmarkResult without)
    {
        var feedOptions = new TrainingFeedOptions { WatchedEnvs = Math.Min(16, env.NumEnvs) };
        double bare = without.SamplesPerSecond, feedOnly = 0, watched = 0;
        WatchCost? best = null;
        for (int round = 0; round < 2; round++)
        {
            if (round > 0)
            {
                bare = Math.Max(bare, TrainBenchmark.EndToEnd(env, options, iterations, device).SamplesPerSecond);
            }
            feedOnly = Math.Max(feedOnly, TrainBenchmark.EndToEnd(env, options, iterations, device, new TrainingFeed(feedOptions), "feed only").SamplesPerSecond);
            WatchCost run = Watched(env, options, iterations, device, feedOptions);
            if (run.WithWatch > watched)
            {
                (watched, best) = (run.WithWatch, run);
            }
        }
        return best! with { WithoutWatch = bare, FeedOnly = feedOnly };
    }

    private static WatchCost Watched(IVectorEnv env, PpoOptions options, int iterations, Device device, TrainingFeedOptions feedOptions)
    {
        var feed = new TrainingFeed(feedOptions);
        using var plots = new TrainingPlotsPanel(feed);
        using var grid = new EnvGridPanel(feed);
        var loop = new OffscreenPanelLoop([(plots, new SKRect(640, 0, 1280, 360)), (grid, new SKRect(0, 360, 1280, 720))], 1280, 720, 30);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TrainBenchmarkResult with;
        try
        {
            with = TrainBenchmark.EndToEnd(env, options, iterations, device, feed, "watched");
        }
        finally
        {
            loop.Dispose();
        }
        double seconds = clock.Elapsed.TotalSeconds;
        long frames = loop.Frames;
        return new WatchCost(env.NumEnvs, double.NaN, double.NaN, with.SamplesPerSecond, frames, frames / seconds,
            frames > 0 ? loop.DrawSeconds / frames * 1000 : double.NaN, feed.Envs.Published, feed.Metrics.Published);
    }
}
