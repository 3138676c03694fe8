using Simulator.Learning.Benchmarks;
using Simulator.Learning.Env;
using Simulator.Learning.Ppo;
using Simulator.Torch;
using Simulator.Viewer;
using Simulator.Viewer.Training;
using SkiaSharp;

namespace Simulator.Cli.Commands;

/// <summary>What watching a run costs: env steps/s of the same case without and with the training feed attached and
/// the training panels drawn at 30 Hz offscreen on another thread (as `sim train --watch` would).</summary>
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
        var feedOnly = TrainBenchmark.EndToEnd(env, options, iterations, device, new TrainingFeed(feedOptions), "ppo end-to-end, feed only");
        var feed = new TrainingFeed(feedOptions);
        using var plots = new TrainingPlotsPanel(feed);
        using var grid = new EnvGridPanel(feed);
        TrainBenchmarkResult with;
        long frames;
        double seconds, drawSeconds;
        using (var loop = new OffscreenPanelLoop([(plots, new SKRect(640, 0, 1280, 360)), (grid, new SKRect(0, 360, 1280, 720))], 1280, 720, 30))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            with = TrainBenchmark.EndToEnd(env, options, iterations, device, feed, "ppo end-to-end, watched");
            seconds = clock.Elapsed.TotalSeconds;
            loop.Dispose();
            frames = loop.Frames;
            drawSeconds = loop.DrawSeconds;
        }
        return new WatchCost(env.NumEnvs, without.SamplesPerSecond, feedOnly.SamplesPerSecond, with.SamplesPerSecond, frames, frames / seconds,
            frames > 0 ? drawSeconds / frames * 1000 : double.NaN, feed.Envs.Published, feed.Metrics.Published);
    }
}
