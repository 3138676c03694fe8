using Simulator.Core;
using Simulator.Tracks;

namespace Simulator.Tracks.Tests;

public class TrackQueryTests
{
    private static readonly Track s_oval = TestTracks.Build(TestTracks.Oval());

    [Fact]
    public void Project_round_trips_ToWorld()
    {
        Track track = s_oval;
        var rng = new Rng(7);
        int hint = -1;
        for (int k = 0; k < 2000; k++)
        {
            double s = rng.Range(0, track.Length);
            double lat = rng.Range(-5.0, 5.0);
            Vec2 p = track.ToWorld(s, lat);
            TrackQuery q = track.Project(p, ref hint);
            Assert.True(Math.Abs(track.DeltaS(s, q.S)) < 1e-4, $"s {s} -> {q.S}");
            Assert.True(Math.Abs(q.Lateral - lat) < 1e-4, $"lat {lat} -> {q.Lateral}");
            Assert.True(Vec2.Distance(q.ClosestPoint, track.Sample(s).Position) < 1e-4);
        }
    }

    [Fact]
    public void Project_reports_lane_and_on_road()
    {
        Track track = s_oval; // 2 lanes of 3.5 m
        int hint = -1;
        TrackQuery right = track.Project(track.ToWorld(50, track.LaneCenter(0)), ref hint);
        TrackQuery left = track.Project(track.ToWorld(50, track.LaneCenter(1)), ref hint);
        TrackQuery off = track.Project(track.ToWorld(50, 4.0), ref hint);
        Assert.Equal(0, right.LaneIndex);
        Assert.Equal(1, left.LaneIndex);
        Assert.True(right.OnRoad && left.OnRoad);
        Assert.Equal(-1, off.LaneIndex);
        Assert.False(off.OnRoad);
        Assert.True(track.IsOnRoad(4.0, margin: 0.5));
        Assert.False(track.IsOnRoad(4.0));
        Assert.Equal(-0.5, track.DistanceToEdge(4.0), 12);
        Assert.Equal(3.5, track.DistanceToEdge(0), 12);
        Assert.Equal(2.5, track.DistanceToBarrier(4.0), 12); // barrier at 3.5 + 3
    }

    [Fact]
    public void Heading_error_is_wrapped_and_signed()
    {
        Track track = s_oval;
        TrackQuery q = track.Project(track.ToWorld(30, 0));
        Assert.Equal(0.1, Track.HeadingError(q.Heading + 0.1, q), 9);
        Assert.Equal(-0.2, Track.HeadingError(q.Heading - 0.2 + 4 * Math.PI, q), 9);
        Assert.Equal(Math.PI, Math.Abs(Track.HeadingError(q.Heading + Math.PI, q)), 9);
        // On the bottom straight (y = 0, left to right) the track heads east.
        Assert.True(Math.Abs(q.Heading) < 0.02, $"heading {q.Heading}");
    }

    [Fact]
    public void Hinted_search_agrees_with_global_search()
    {
        Track track = s_oval;
        var rng = new Rng(11);
        int hint = -1;
        double s = 0;
        for (int k = 0; k < 5000; k++)
        {
            // A car driving around with lateral wobble, plus occasional teleports (stale hints).
            s += rng.Range(0.0, 3.0);
            if (rng.Chance(0.01))
            {
                s += rng.Range(50.0, 400.0);
            }
            Vec2 p = track.ToWorld(s, rng.Range(-12.0, 12.0)) + new Vec2(rng.Range(-1.0, 1.0), rng.Range(-1.0, 1.0));
            TrackQuery hinted = track.Project(p, ref hint);
            TrackQuery global = track.Project(p);
            Assert.Equal(global.S, hinted.S, 6);
            Assert.Equal(global.Lateral, hinted.Lateral, 6);
            Assert.Equal(hinted.Segment, hint);
        }
    }

    [Fact]
    public void Queries_do_not_allocate()
    {
        Track track = s_oval;
        int hint = -1;
        var k = new double[4];
        double[] ahead = [0, 5, 10, 20];
        double sink = track.Project(track.ToWorld(1, 0), ref hint).S; // warm up
        Assert.Equal(0, ThreadAllocations.Smallest(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                TrackQuery q = track.Project(track.ToWorld(i * 0.37, 1.5), ref hint);
                track.CurvatureAhead(q.S, ahead, k);
                sink += q.Lateral + k[3] + track.Sample(q.S + 3).Heading;
            }
        }).Bytes);
        Assert.True(double.IsFinite(sink));
    }

    [Fact]
    public void Garbage_hint_falls_back_to_global()
    {
        Track track = s_oval;
        Vec2 p = track.ToWorld(300, 1);
        foreach (int bad in new[] { -5, int.MaxValue, track.SampleCount, 17 })
        {
            int hint = bad;
            TrackQuery q = track.Project(p, ref hint);
            Assert.Equal(300, q.S, 4);
            Assert.InRange(hint, 0, track.SampleCount - 1);
        }
    }

    [Fact]
    public void Curvature_ahead_samples_the_bend()
    {
        Track track = TestTracks.Build(TestTracks.Circle(50, 32));
        ReadOnlySpan<double> dist = [0, 10, 25, -5, 1000];
        Span<double> k = stackalloc double[5];
        track.CurvatureAhead(3, dist, k);
        foreach (double c in k)
        {
            Assert.InRange(c, 0.0199, 0.0201);
        }
        Track oval = s_oval;
        double sStraight = 100; // bottom straight: curvature ~0 here, a left bend ahead
        oval.CurvatureAhead(sStraight, [0, 140], k[..2]);
        Assert.True(Math.Abs(k[0]) < 0.005, $"straight {k[0]}");
        Assert.True(k[1] > 0.01, $"bend {k[1]}");
        Assert.Throws<ArgumentException>(() => oval.CurvatureAhead(0, new double[3], new double[2]));
    }

    [Fact]
    public void Hint_keeps_the_branch_through_a_level_crossing()
    {
        Track track = Track.Create(TestTracks.FigureEight(), TrackLayout.Default with { AllowCrossings = true, BarrierOffset = 0 });
        TrackCrossing x = Assert.Single(track.Crossings);
        int hint = -1;
        track.Project(track.ToWorld(x.S1 - 10, 0), ref hint);
        for (double d = -10; d <= 10; d += 0.5)
        {
            TrackQuery q = track.Project(track.ToWorld(x.S1 + d, 0.3), ref hint);
            Assert.True(Math.Abs(track.DeltaS(x.S1 + d, q.S)) < 1e-3, $"d={d}: jumped to s={q.S}");
        }
    }
}
