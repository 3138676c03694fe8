using Simulator.Core;
using Simulator.Tracks;

namespace Simulator.Tracks.Tests;

public class TrackGeometryTests
{
    [Theory]
    [InlineData(30.0, 24)]
    [InlineData(80.0, 32)]
    [InlineData(250.0, 24)]
    public void Circle_length_and_curvature_match_radius(double r, int n)
    {
        Track track = TestTracks.Build(TestTracks.Circle(r, n));
        Assert.InRange(track.Length, 2 * Math.PI * r * 0.999, 2 * Math.PI * r * 1.001);
        for (int i = 0; i < track.SampleCount; i += 7)
        {
            TrackSample q = track.SampleAt(i);
            Assert.InRange(q.Curvature, 1 / r * 0.99, 1 / r * 1.01); // counter-clockwise: turning left, positive
            Assert.InRange(q.Position.Length, r * 0.999, r * 1.001);
        }
    }

    [Fact]
    public void Clockwise_circle_has_negative_curvature()
    {
        Vec2[] pts = TestTracks.Circle(50);
        Array.Reverse(pts);
        Track track = TestTracks.Build(pts);
        Assert.True(track.Sample(10).Curvature < 0);
        Assert.InRange(track.Sample(10).Curvature, -1.01 / 50, -0.99 / 50);
    }

    [Fact]
    public void Resampling_is_uniform_in_arc_length()
    {
        Track track = TestTracks.Build(TestTracks.Oval());
        Assert.InRange(track.SampleSpacing, 0.4, 0.5);
        for (int i = 0; i + 1 < track.SampleCount; i++)
        {
            double chord = Vec2.Distance(track.SampleAt(i).Position, track.SampleAt(i + 1).Position);
            Assert.InRange(chord, track.SampleSpacing * 0.999, track.SampleSpacing * 1.0000001);
        }
    }

    [Fact]
    public void Curve_passes_through_control_points()
    {
        Vec2[] pts = TestTracks.Oval();
        Track track = TestTracks.Build(pts);
        for (int i = 0; i < pts.Length; i++)
        {
            Vec2 p = track.Sample(track.ArcLengthOfControlPoint(i)).Position;
            Assert.True(Vec2.Distance(p, pts[i]) < 1e-3, $"point {i}: {p} vs {pts[i]}");
        }
    }

    [Fact]
    public void Sample_wraps_s_and_interpolates_smoothly()
    {
        Track track = TestTracks.Build(TestTracks.Circle(40));
        TrackSample a = track.Sample(12.3);
        TrackSample b = track.Sample(12.3 + track.Length);
        TrackSample c = track.Sample(12.3 - 2 * track.Length);
        Assert.Equal(a.Position.X, b.Position.X, 9);
        Assert.Equal(a.Position.Y, c.Position.Y, 9);
        // Between samples the interpolated point stays on the circle and the heading is the tangent's angle.
        for (double s = 0; s < track.Length; s += 0.137)
        {
            TrackSample q = track.Sample(s);
            Assert.InRange(q.Position.Length, 40 * 0.9995, 40 * 1.0005);
            Assert.True(Math.Abs(MathUtil.WrapAngle(q.Heading - q.Tangent.Angle)) < 1e-3);
            Assert.InRange(q.Tangent.Length, 1 - 1e-12, 1 + 1e-12);
        }
    }

    [Fact]
    public void ToWorld_offsets_to_the_left_of_travel()
    {
        Track track = TestTracks.Build(TestTracks.Circle(60)); // counter-clockwise: left is towards the centre
        Vec2 inner = track.ToWorld(5, 2);
        Vec2 outer = track.ToWorld(5, -2);
        Assert.InRange(inner.Length, 57.99, 58.01);
        Assert.InRange(outer.Length, 61.99, 62.01);
    }

    [Fact]
    public void Lanes_are_numbered_from_the_right()
    {
        var layout = TrackLayout.Default with { LaneCount = 3, LaneWidth = 3.0 };
        Assert.Equal(-3.0, layout.LaneCenter(0), 12);
        Assert.Equal(0.0, layout.LaneCenter(1), 12);
        Assert.Equal(3.0, layout.LaneCenter(2), 12);
        Assert.Equal(0, layout.LaneIndexAt(-4.4));
        Assert.Equal(1, layout.LaneIndexAt(1.4));
        Assert.Equal(2, layout.LaneIndexAt(4.5));
        Assert.Equal(-1, layout.LaneIndexAt(4.6));
        Assert.Equal(-1, layout.LaneIndexAt(-4.6));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.LaneCenter(3));
    }

    [Fact]
    public void Barrier_segments_follow_both_sides()
    {
        var layout = TrackLayout.Default with { BarrierOffset = 4 };
        Track track = TestTracks.Build(TestTracks.Circle(80), layout);
        ReadOnlySpan<BarrierSegment> segs = track.BarrierSegments;
        Assert.True(segs.Length > 100);
        double barrier = layout.HalfRoadWidth + 4;
        foreach (BarrierSegment b in segs)
        {
            double expected = b.Side == TrackSide.Left ? 80 - barrier : 80 + barrier;
            Assert.InRange(b.A.Length, expected - 0.01, expected + 0.01);
            Assert.InRange(Vec2.Distance(b.A, b.B), 0.5, 3);
        }
        Assert.Empty(TestTracks.Build(TestTracks.Circle(80), layout with { BarrierOffset = 0 }).BarrierSegments.ToArray());
    }
}
