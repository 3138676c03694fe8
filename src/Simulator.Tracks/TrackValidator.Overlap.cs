using Simulator.Core;

namespace Simulator.Tracks;

public static partial class TrackValidator
{
    private const double OverlapStride = 1.0; // metres between the points tested for overlap

    /// <summary>
    /// Two centerline points overlap when they are closer than the clearance C although the curve between them has
    /// already moved C away (in both directions): that separates a true return of the track from mere neighbours,
    /// whatever the curvature. A uniform grid keeps it O(n).
    /// </summary>
    private static List<TrackCrossing> CheckOverlaps(Track track, TrackValidationOptions options, List<TrackProblem> problems)
    {
        TrackLayout layout = track.Layout;
        double clearance = 2 * layout.HalfExtent + options.ClearanceMargin;
        double c2 = clearance * clearance;
        int stride = Math.Max(1, (int)Math.Round(OverlapStride / track.SampleSpacing));
        int m = track.SampleCount / stride;
        double step = stride * track.SampleSpacing;
        var pts = new Vec2[m];
        for (int k = 0; k < m; k++)
        {
            pts[k] = track.SampleAt(k * stride).Position;
        }
        var crossings = new List<TrackCrossing>();
        if (!LocalWindows(pts, c2, out int[] fwd, out int[] back))
        {
            problems.Add(new TrackProblem(TrackProblemKind.SelfIntersection,
                FormattableString.Invariant($"the track is too small for its width: every point is within {clearance:0.#} m of every other"),
                "spread the control points further apart or make the road narrower"));
            return crossings;
        }
        var grid = new PointGrid(pts, clearance);
        var pairs = new List<(int K, int J, double D)>();
        double segReach2 = 4 * step * step * 1.01;
        for (int k = 0; k < m; k++)
        {
            grid.Neighbours(pts[k], out int cx0, out int cx1, out int cy0, out int cy1);
            for (int cy = cy0; cy <= cy1; cy++)
            {
                for (int cx = cx0; cx <= cx1; cx++)
                {
                    foreach (int j in grid.Cell(cx, cy))
                    {
                        if (j <= k)
                        {
                            continue;
                        }
                        double d2 = Vec2.DistanceSquared(pts[k], pts[j]);
                        if (d2 >= c2)
                        {
                            continue;
                        }
                        int o = j - k;
                        if (d2 < segReach2 && o >= 2 && o <= m - 2)
                        {
                            TryCrossing(pts, k, j, step, crossings);
                        }
                        bool farFromK = o > fwd[k] && o < m - back[k];
                        bool farFromJ = m - o > fwd[j] && m - o < m - back[j];
                        if (farFromK && farFromJ)
                        {
                            pairs.Add((k, j, Math.Sqrt(d2)));
                        }
                    }
                }
            }
        }
        ReportCrossingsAndOverlaps(track, options, clearance, step, crossings, pairs, problems);
        return crossings;
    }

    /// <summary>For each point, how many steps forward and back until the curve is a clearance away from it.</summary>
    private static bool LocalWindows(Vec2[] pts, double c2, out int[] fwd, out int[] back)
    {
        int m = pts.Length;
        fwd = new int[m];
        back = new int[m];
        for (int k = 0; k < m; k++)
        {
            int f = 1;
            while (f < m && Vec2.DistanceSquared(pts[k], pts[(k + f) % m]) < c2)
            {
                f++;
            }
            int b = 1;
            while (b < m && Vec2.DistanceSquared(pts[k], pts[(k - b + m) % m]) < c2)
            {
                b++;
            }
            if (f + b >= m)
            {
                return false;
            }
            fwd[k] = f;
            back[k] = b;
        }
        return true;
    }

    private static void TryCrossing(Vec2[] pts, int k, int j, double step, List<TrackCrossing> crossings)
    {
        int m = pts.Length;
        Vec2 a0 = pts[k], a1 = pts[(k + 1) % m], b0 = pts[j], b1 = pts[(j + 1) % m];
        Vec2 da = a1 - a0, db = b1 - b0;
        double denom = Vec2.Cross(da, db);
        if (Math.Abs(denom) < 1e-12)
        {
            return;
        }
        Vec2 w = b0 - a0;
        double t = Vec2.Cross(w, db) / denom;
        double u = Vec2.Cross(w, da) / denom;
        if (t < 0 || t >= 1 || u < 0 || u >= 1)
        {
            return;
        }
        double s1 = (k + t) * step, s2 = (j + u) * step;
        foreach (TrackCrossing c in crossings)
        {
            if (Math.Abs(c.S1 - s1) < 2 * step && Math.Abs(c.S2 - s2) < 2 * step)
            {
                return;
            }
        }
        double cos = Math.Abs(Vec2.Dot(da.Normalized(), db.Normalized()));
        crossings.Add(new TrackCrossing(s1, s2, a0 + da * t, Math.Acos(Math.Min(1, cos))));
    }

    private static void ReportCrossingsAndOverlaps(Track track, TrackValidationOptions options, double clearance, double step,
        List<TrackCrossing> crossings, List<(int K, int J, double D)> pairs, List<TrackProblem> problems)
    {
        double minAngle = options.MinCrossingAngleDegrees * Math.PI / 180;
        // (s1, s2) of the last pair seen for each reported problem: later pairs continuing the same overlap are merged.
        var reported = new List<(double S1, double S2)>();
        foreach (TrackCrossing c in crossings)
        {
            string at = FormattableString.Invariant($"s={c.S1:0.#} m and s={c.S2:0.#} m at {c.AngleRadians * 180 / Math.PI:0.#}°");
            if (!track.Layout.AllowCrossings)
            {
                problems.Add(new TrackProblem(TrackProblemKind.SelfIntersection, $"the centerline crosses itself ({at})",
                    "move the control points apart, or set allowCrossings for a figure-eight with a level crossing",
                    ControlPoint: track.NearestControlPoint(c.S1), S: c.S1, Location: c.Point));
                reported.Add((c.S1, c.S2));
            }
            else if (c.AngleRadians < minAngle)
            {
                problems.Add(new TrackProblem(TrackProblemKind.ShallowCrossing,
                    FormattableString.Invariant($"level crossing too shallow ({at}); crossings need at least {options.MinCrossingAngleDegrees:0.#}°"),
                    "make the branches cross closer to a right angle",
                    ControlPoint: track.NearestControlPoint(c.S1), S: c.S1, Location: c.Point));
                reported.Add((c.S1, c.S2));
            }
        }
        double merge = 2 * clearance;
        foreach ((int k, int j, double d) in pairs)
        {
            double s1 = k * step, s2 = j * step;
            if (NearAllowedCrossing(track, crossings, minAngle, clearance, s1, s2) || Merge(track, reported, s1, s2, merge))
            {
                continue;
            }
            Vec2 p1 = track.Sample(s1).Position;
            Vec2 p2 = track.Sample(s2).Position;
            problems.Add(new TrackProblem(TrackProblemKind.SelfIntersection,
                FormattableString.Invariant($"the road overlaps itself: s={s1:0.#} m and s={s2:0.#} m are {d:0.##} m apart, non-adjacent parts need {clearance:0.##} m (2 × half-extent {track.Layout.HalfExtent:0.##} m + margin {options.ClearanceMargin:0.##} m)"),
                "move these parts of the track apart or make the road narrower",
                ControlPoint: track.NearestControlPoint(s1), S: s1, Location: Vec2.Lerp(p1, p2, 0.5)));
            reported.Add((s1, s2));
        }
    }

    private static bool NearAllowedCrossing(Track track, List<TrackCrossing> crossings, double minAngle, double clearance, double s1, double s2)
    {
        if (!track.Layout.AllowCrossings)
        {
            return false;
        }
        foreach (TrackCrossing c in crossings)
        {
            if (c.AngleRadians < minAngle)
            {
                continue;
            }
            double r = clearance / Math.Sin(c.AngleRadians) + clearance;
            bool direct = Math.Abs(track.DeltaS(c.S1, s1)) <= r && Math.Abs(track.DeltaS(c.S2, s2)) <= r;
            bool swapped = Math.Abs(track.DeltaS(c.S2, s1)) <= r && Math.Abs(track.DeltaS(c.S1, s2)) <= r;
            if (direct || swapped)
            {
                return true;
            }
        }
        return false;
    }

    private static bool Merge(Track track, List<(double S1, double S2)> reported, double s1, double s2, double merge)
    {
        for (int i = 0; i < reported.Count; i++)
        {
            (double a, double b) = reported[i];
            bool direct = Math.Abs(track.DeltaS(a, s1)) <= merge && Math.Abs(track.DeltaS(b, s2)) <= merge;
            bool swapped = Math.Abs(track.DeltaS(b, s1)) <= merge && Math.Abs(track.DeltaS(a, s2)) <= merge;
            if (direct || swapped)
            {
                reported[i] = (s1, s2);
                return true;
            }
        }
        return false;
    }
}
