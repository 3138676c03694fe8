using Simulator.Core;

namespace Simulator.Tracks;

/// <summary>
/// Checks that control points and a layout make a drivable closed track: enough distinct finite points, curvature
/// the road band can follow without its inner edge folding, and no overlap of non-adjacent parts of the band
/// (level crossings excepted when the layout allows them).
/// </summary>
public static partial class TrackValidator
{
    public const int MinControlPoints = 4;
    /// <summary>Consecutive control points closer than this (m) count as duplicates.</summary>
    public const double DuplicateDistance = 0.01;

    public static TrackValidationResult Validate(IReadOnlyList<Vec2> controlPoints, TrackLayout layout,
        TrackValidationOptions? options = null, string? file = null, string path = "$.track")
    {
        ArgumentNullException.ThrowIfNull(controlPoints);
        ArgumentNullException.ThrowIfNull(layout);
        options ??= TrackValidationOptions.Default;
        var problems = new List<TrackProblem>();
        try
        {
            layout.Validate(file, path + ".layout");
        }
        catch (SimInputException e)
        {
            problems.Add(new TrackProblem(TrackProblemKind.InvalidLayout, $"layout {e.Path}: {e.Problem}", e.Hint ?? "fix the layout"));
            return new TrackValidationResult(problems, [], null);
        }
        CheckPoints(controlPoints, problems);
        if (problems.Count > 0)
        {
            return new TrackValidationResult(problems, [], null);
        }
        var track = new Track(controlPoints, layout);
        CheckCurvature(track, options, problems);
        List<TrackCrossing> crossings = CheckOverlaps(track, options, problems);
        if (problems.Count > options.MaxProblems)
        {
            problems.RemoveRange(options.MaxProblems, problems.Count - options.MaxProblems);
        }
        if (problems.Count == 0)
        {
            track.Crossings = crossings;
        }
        return new TrackValidationResult(problems, crossings, track);
    }

    private static void CheckPoints(IReadOnlyList<Vec2> points, List<TrackProblem> problems)
    {
        if (points.Count < MinControlPoints)
        {
            problems.Add(new TrackProblem(TrackProblemKind.TooFewPoints,
                $"a closed track needs at least {MinControlPoints} control points, got {points.Count}",
                "add control points around the loop"));
            return;
        }
        for (int i = 0; i < points.Count; i++)
        {
            if (!points[i].IsFinite)
            {
                problems.Add(new TrackProblem(TrackProblemKind.NonFinitePoint, $"control point {i} is not finite: {points[i]}",
                    "use finite coordinates in metres", ControlPoint: i));
            }
        }
        if (problems.Count > 0)
        {
            return;
        }
        for (int i = 0; i < points.Count; i++)
        {
            int j = (i + 1) % points.Count;
            if (Vec2.Distance(points[i], points[j]) < DuplicateDistance)
            {
                string which = j == 0 ? "the last control point repeats the first" : $"control points {i} and {j} coincide";
                problems.Add(new TrackProblem(TrackProblemKind.DuplicatePoint, $"{which} at {points[i]}",
                    j == 0 ? "the track closes itself; do not repeat the first point at the end" : "remove one of them",
                    ControlPoint: j == 0 ? i : j, Location: points[i]));
            }
        }
    }

    private static void CheckCurvature(Track track, TrackValidationOptions options, List<TrackProblem> problems)
    {
        double minRadius = Math.Max(track.Layout.HalfExtent + options.RadiusMargin, options.MinCurveRadius);
        double limit = 1 / minRadius;
        int n = track.SampleCount;
        // Start scanning at a sample within limits so a violating run is never split across the wrap.
        int start = -1;
        for (int i = 0; i < n; i++)
        {
            if (Math.Abs(track.SampleAt(i).Curvature) <= limit)
            {
                start = i;
                break;
            }
        }
        if (start < 0)
        {
            TrackSample s0 = track.SampleAt(0);
            problems.Add(CurvatureProblem(track, s0, minRadius));
            return;
        }
        TrackSample peak = default;
        bool inRun = false;
        for (int k = 1; k <= n; k++)
        {
            TrackSample q = track.SampleAt((start + k) % n);
            if (Math.Abs(q.Curvature) > limit)
            {
                if (!inRun || Math.Abs(q.Curvature) > Math.Abs(peak.Curvature))
                {
                    peak = q;
                }
                inRun = true;
            }
            else if (inRun)
            {
                problems.Add(CurvatureProblem(track, peak, minRadius));
                inRun = false;
            }
        }
    }

    private static TrackProblem CurvatureProblem(Track track, TrackSample peak, double minRadius)
    {
        double radius = 1 / Math.Abs(peak.Curvature);
        return new TrackProblem(TrackProblemKind.CurvatureTooHigh,
            FormattableString.Invariant($"curve too tight: radius {radius:0.##} m, the road band needs at least {minRadius:0.##} m (half-extent {track.Layout.HalfExtent:0.##} m)"),
            "spread the control points of this bend further apart or make the road narrower",
            ControlPoint: track.NearestControlPoint(peak.S), S: peak.S, Location: peak.Position);
    }
}
