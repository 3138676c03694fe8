using Simulator.Perception.Data;
using Simulator.Perception.Dataset;
using Simulator.Perception.Decoding;
using Simulator.Perception.Metrics;

namespace Simulator.Perception.Tests;

/// <summary>The lane decoder on the renderer's own class masks: what the fit loses before any network error.</summary>
[Collection(RendererCollection.Name)]
public class LaneDecoderRenderedTests(RendererFixture fx)
{
    [Fact]
    public void Lines_fitted_to_true_masks_of_generated_frames_lie_on_the_true_lanes()
    {
        var options = new PerceptionDatasetOptions { TrainFrames = 0, ValFrames = 24, TestFrames = 0, Tracks = 4, Envs = 4 };
        using var gen = new PerceptionDatasetGenerator(options, fx.Renderer);
        var decoder = new LaneDecoder(options.Width, options.Height, GroundCamera.FromSensor(gen.Camera.Camera!));
        var metrics = new LaneMetrics();
        foreach (PerceptionFrame f in gen.Generate(PerceptionSplits.Val))
        {
            metrics.Add(f.Lanes, decoder.FitLines(f.Classes));
        }
        fx.AssertNoValidationMessages();
        Console.WriteLine($"true {metrics.TrueLanes} matched {metrics.MatchedLanes} missed {metrics.MissedLanes} false {metrics.FalseLanes} error {metrics.MeanLateralError:F3} m; by distance {string.Join(" ", Enumerable.Range(0, LaneMetrics.Distances.Length).Select(k => $"{LaneMetrics.Distances[k]}m:{metrics.LateralError(k):F3}"))}");
        // Measured 0.08 m at 5 m, 0.13 m at 10 m, 0.26 m over 5-30 m (a pixel covers ~0.5 m across at 30 m).
        Assert.True(metrics.LateralError(0) < 0.15 && metrics.LateralError(1) < 0.25, $"lateral error {metrics.LateralError(0):F3} m at 5 m, {metrics.LateralError(1):F3} m at 10 m");
        Assert.True(metrics.MeanLateralError < 0.4, $"lateral error {metrics.MeanLateralError:F3} m");
        Assert.True(metrics.MatchedLanes >= 0.6 * metrics.TrueLanes, $"{metrics.MatchedLanes} of {metrics.TrueLanes} true lanes matched");
    }
}
