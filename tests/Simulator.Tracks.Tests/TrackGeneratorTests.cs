using Simulator.Core;
using Simulator.Tracks;

namespace Simulator.Tracks.Tests;

public class TrackGeneratorTests
{
    [Fact]
    public void Many_seeds_give_valid_tracks_of_the_target_length()
    {
        var options = new TrackGeneratorOptions { TargetLength = 800, Complexity = 0.6, MinCurveRadius = 15 };
        for (ulong seed = 0; seed < 200; seed++)
        {
            Track t = TrackGenerator.Generate(seed, options);
            // Re-validate independently: the generator must only hand out tracks the validator accepts.
            TrackValidationResult r = TrackValidator.Validate(t.ControlPoints, t.Layout, new TrackValidationOptions { MinCurveRadius = 15 });
            Assert.True(r.IsValid, $"seed {seed}: {string.Join("; ", r.Problems)}");
            Assert.InRange(t.Length, 800 * 0.999, 800 * 1.001);
            for (int i = 0; i < t.SampleCount; i++)
            {
                Assert.True(Math.Abs(t.SampleAt(i).Curvature) <= 1 / 15.0 + 1e-9);
            }
        }
    }

    [Theory]
    [InlineData(0.0, 500.0, 1, 3.0)]
    [InlineData(1.0, 2000.0, 3, 3.5)]
    [InlineData(0.3, 5000.0, 4, 3.75)]
    public void Knobs_are_honoured(double complexity, double length, int lanes, double width)
    {
        var options = new TrackGeneratorOptions { TargetLength = length, Complexity = complexity, LaneCount = lanes, LaneWidth = width };
        for (ulong seed = 100; seed < 110; seed++)
        {
            Track t = TrackGenerator.Generate(seed, options);
            Assert.Equal(lanes, t.Layout.LaneCount);
            Assert.Equal(width, t.Layout.LaneWidth);
            Assert.InRange(t.Length, length * 0.999, length * 1.001);
        }
    }

    [Fact]
    public void Same_seed_gives_identical_points_and_different_seeds_differ()
    {
        var options = new TrackGeneratorOptions();
        Track a = TrackGenerator.Generate(42, options);
        Track b = TrackGenerator.Generate(42, options);
        Track c = TrackGenerator.Generate(43, options);
        Assert.Equal(Hash(a), Hash(b));
        Assert.NotEqual(Hash(a), Hash(c));
    }

    [Fact]
    public void Complexity_adds_control_points()
    {
        double Mean(double complexity)
        {
            double sum = 0;
            for (ulong seed = 0; seed < 20; seed++)
            {
                sum += TrackGenerator.Generate(seed, new TrackGeneratorOptions { Complexity = complexity, TargetLength = 1500 }).ControlPoints.Count;
            }
            return sum / 20;
        }
        Assert.True(Mean(1.0) > Mean(0.0) + 8);
    }

    [Fact]
    public void Impossible_requests_fail_clearly()
    {
        var e = Assert.Throws<SimInputException>(() => TrackGenerator.Generate(1, new TrackGeneratorOptions { Complexity = 1.5 }));
        Assert.Equal("$.generator.complexity", e.Path);
        var tooShort = Assert.Throws<SimInputException>(() => TrackGenerator.Generate(1, new TrackGeneratorOptions { TargetLength = 200, MinCurveRadius = 60 }));
        Assert.Equal("$.generator.targetLength", tooShort.Path);
        // A 150 m loop is a circle of radius < 24 m at best, but a 4-lane road with barriers 30 m out needs 38 m.
        var hard = new TrackGeneratorOptions { TargetLength = 150, LaneCount = 4, Layout = TrackLayout.Default with { BarrierOffset = 30 }, MaxAttempts = 3 };
        var fail = Assert.Throws<SimInputException>(() => TrackGenerator.Generate(5, hard));
        Assert.Contains("3 attempts", fail.Message);
    }

    private static ulong Hash(Track t)
    {
        var h = new StateHasher();
        foreach (Vec2 p in t.ControlPoints)
        {
            h.Add(p);
        }
        h.Add(t.Length);
        return h.Value;
    }
}
