using Simulator.Core;
using Simulator.Tracks;

namespace Simulator.Tracks.Tests;

public class TrackValidatorTests
{
    private static TrackValidationResult Check(Vec2[] pts, TrackLayout? layout = null) =>
        TrackValidator.Validate(pts, layout ?? TrackLayout.Default);

    [Fact]
    public void Valid_tracks_pass()
    {
        Assert.True(Check(TestTracks.Oval()).IsValid);
        Assert.True(Check(TestTracks.Circle(40)).IsValid);
        TrackValidationResult eight = Check(TestTracks.FigureEight(), TrackLayout.Default with { AllowCrossings = true });
        Assert.True(eight.IsValid, string.Join("\n", eight.Problems));
        TrackCrossing x = Assert.Single(eight.Crossings);
        Assert.True(x.Point.Length < 0.5, $"crossing at {x.Point}");
        Assert.InRange(x.AngleRadians * 180 / Math.PI, 80, 100);
        Assert.True(Math.Abs(eight.Track!.DeltaS(x.S1, x.S2)) > 100);
    }

    [Fact]
    public void Crossing_exactly_on_a_control_point_is_found_for_a_narrow_single_lane_road()
    {
        // Regression: the shipped figure-eight has control point 0 on the crossing; with a narrow road the
        // exemption radius is small, so a missed crossing showed up as a self-overlap next to it.
        var layout = TrackLayout.Default with { LaneCount = 1, LaneWidth = 5, ShoulderWidth = 1, KerbWidth = 0.5, BarrierOffset = 0, AllowCrossings = true };
        TrackValidationResult eight = Check(TestTracks.FigureEight(), layout);
        Assert.True(eight.IsValid, string.Join("\n", eight.Problems));
        Assert.Single(eight.Crossings);
    }

    [Fact]
    public void Too_few_points_are_rejected()
    {
        TrackProblem p = Assert.Single(Check([new(0, 0), new(100, 0), new(50, 80)]).Problems);
        Assert.Equal(TrackProblemKind.TooFewPoints, p.Kind);
        Assert.Contains("at least 4", p.Message);
    }

    [Fact]
    public void Non_finite_point_is_named()
    {
        Vec2[] pts = TestTracks.Oval();
        pts[3] = new Vec2(double.NaN, 1);
        TrackProblem p = Assert.Single(Check(pts).Problems);
        Assert.Equal(TrackProblemKind.NonFinitePoint, p.Kind);
        Assert.Equal(3, p.ControlPoint);
    }

    [Fact]
    public void Duplicate_consecutive_points_are_named()
    {
        Vec2[] pts = TestTracks.Oval();
        pts[5] = pts[4];
        TrackProblem p = Assert.Single(Check(pts).Problems);
        Assert.Equal(TrackProblemKind.DuplicatePoint, p.Kind);
        Assert.Equal(5, p.ControlPoint);
        Vec2[] closed = [.. TestTracks.Oval(), TestTracks.Oval()[0]];
        TrackProblem q = Assert.Single(Check(closed).Problems);
        Assert.Contains("repeats the first", q.Message);
    }

    [Fact]
    public void Tight_bend_is_rejected_with_location()
    {
        // A square corner at control point 4 with neighbours only 8 m away.
        Vec2[] pts = [new(0, 0), new(100, 0), new(200, 0), new(292, 0), new(300, 0), new(300, 8), new(300, 100), new(150, 120), new(0, 100)];
        TrackValidationResult r = Check(pts);
        TrackProblem p = Assert.Single(r.Problems, x => x.Kind == TrackProblemKind.CurvatureTooHigh);
        Assert.Equal(4, p.ControlPoint);
        Assert.NotNull(p.S);
        Assert.Contains("radius", p.Message);
        Assert.Null(r.Track);
        Assert.NotNull(r.Geometry);
    }

    [Fact]
    public void Curve_radius_limit_counts_the_whole_band()
    {
        // Radius 9 m: fine for a 2-lane road alone (half-width 3.5 m) but not with 3 m barrier offset (half-extent 6.5 + 1 margin ok)
        // and not with a 4-lane road (half-extent 7 + 3 = 10 m).
        Assert.True(Check(TestTracks.Circle(9, 24)).IsValid);
        TrackValidationResult wide = Check(TestTracks.Circle(9, 24), TrackLayout.Default with { LaneCount = 4 });
        Assert.Contains(wide.Problems, x => x.Kind == TrackProblemKind.CurvatureTooHigh);
        TrackValidationResult user = TrackValidator.Validate(TestTracks.Circle(20, 24), TrackLayout.Default,
            new TrackValidationOptions { MinCurveRadius = 25 });
        Assert.Contains(user.Problems, x => x.Kind == TrackProblemKind.CurvatureTooHigh && x.Message.Contains("25", StringComparison.Ordinal));
    }

    [Fact]
    public void Near_parallel_overlap_is_rejected()
    {
        // A long thin loop: the two straights are 10 m apart, the band needs 2 × 6.5 + 1 = 14 m.
        Vec2[] pts = [new(0, 0), new(100, 0), new(200, 0), new(300, 0), new(310, 5), new(300, 10), new(200, 10), new(100, 10), new(0, 10), new(-10, 5)];
        TrackValidationResult r = Check(pts, TrackLayout.Default with { LaneCount = 1, BarrierOffset = 0, ShoulderWidth = 0.5, KerbWidth = 0.3 });
        TrackProblem p = Assert.Single(r.Problems, x => x.Kind == TrackProblemKind.SelfIntersection);
        Assert.Contains("overlaps itself", p.Message);
        Assert.InRange(p.Location!.Value.Y, 3, 7);
        // The same loop wide apart is fine.
        Vec2[] wide = [.. pts.Select(v => new Vec2(v.X, v.Y * 4))];
        Assert.True(Check(wide, TrackLayout.Default with { LaneCount = 1, BarrierOffset = 0 }).IsValid);
    }

    [Fact]
    public void Crossing_needs_permission_and_a_steep_angle()
    {
        TrackValidationResult denied = Check(TestTracks.FigureEight());
        TrackProblem p = Assert.Single(denied.Problems);
        Assert.Equal(TrackProblemKind.SelfIntersection, p.Kind);
        Assert.Contains("crosses itself", p.Message);
        Assert.Contains("allowCrossings", p.Hint);

        // Flattened figure-eight: the branches cross at about 23°, which is too shallow even when allowed.
        Vec2[] flat = [.. TestTracks.FigureEight(400, 32).Select(v => new Vec2(v.X, v.Y * 0.2))];
        TrackValidationResult shallow = Check(flat, TrackLayout.Default with { AllowCrossings = true, LaneCount = 1, BarrierOffset = 0 });
        Assert.Contains(shallow.Problems, x => x.Kind == TrackProblemKind.ShallowCrossing);
    }

    [Fact]
    public void Create_throws_input_exception_naming_the_point()
    {
        Vec2[] pts = TestTracks.Oval();
        pts[2] = pts[1];
        var e = Assert.Throws<SimInputException>(() => Track.Create(pts, TrackLayout.Default, "scene.json", "$.track"));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("scene.json", e.Message);
        Assert.Equal("$.track.points[2]", e.Path);
    }

    [Fact]
    public void Bad_layout_is_reported()
    {
        TrackProblem p = Assert.Single(Check(TestTracks.Oval(), TrackLayout.Default with { LaneCount = 5 }).Problems);
        Assert.Equal(TrackProblemKind.InvalidLayout, p.Kind);
        Assert.Contains("laneCount", p.Message);
        var e = Assert.Throws<SimInputException>(() => (TrackLayout.Default with { BarrierOffset = 0.5 }).Validate("a.json"));
        Assert.Equal("$.track.layout.barrierOffset", e.Path);
    }
}
