using System.Runtime.CompilerServices;
using Simulator.Core;

namespace Simulator.Tracks;

public sealed partial class Track
{
    // A car moves a few metres per step; more than this many segments from the hint means the hint is stale.
    private const int MaxClimbSteps = 96;

    /// <summary>
    /// Projects a world point onto the centerline. <paramref name="hint"/> is the segment from the previous call for
    /// the same vehicle (start with -1): the search climbs from it (O(1) amortised) and falls back to a global
    /// search when the hint is invalid or stale, or the point is far from the hinted part. Zero allocation.
    /// </summary>
    public TrackQuery Project(Vec2 p, ref int hint)
    {
        int seg;
        if ((uint)hint < (uint)_count)
        {
            seg = Climb(hint, p.X, p.Y, out double d2, out bool capped);
            if (capped || d2 > _trustRadius2)
            {
                seg = GlobalSegment(p.X, p.Y);
            }
        }
        else
        {
            seg = GlobalSegment(p.X, p.Y);
        }
        TrackQuery q = Refine(seg, p);
        hint = q.Segment;
        return q;
    }

    /// <summary>Projection without a hint: always a global search (slower; for spawning and tests).</summary>
    public TrackQuery Project(Vec2 p)
    {
        int hint = -1;
        return Project(p, ref hint);
    }

    /// <summary>Vehicle heading minus track heading, wrapped into (-π, π]; + means pointing left of the track.</summary>
    public static double HeadingError(double heading, in TrackQuery q) => MathUtil.WrapAngle(heading - q.Heading);

    /// <summary>Curvature of the centerline at s + distances[k] for each k (distances may be negative).</summary>
    public void CurvatureAhead(double s, ReadOnlySpan<double> distances, Span<double> result)
    {
        if (result.Length < distances.Length)
        {
            throw new ArgumentException("result must be at least as long as distances.", nameof(result));
        }
        for (int k = 0; k < distances.Length; k++)
        {
            double f = WrapS(s + distances[k]) * _invDs;
            int i = Math.Min((int)f, _count - 1);
            double t = f - i;
            result[k] = _curvature[i] + t * (_curvature[Next(i)] - _curvature[i]);
        }
    }

    /// <summary>True when |lateral| is within the lanes widened by margin (negative margin narrows them).</summary>
    public bool IsOnRoad(double lateral, double margin = 0) => Math.Abs(lateral) <= Layout.HalfRoadWidth + margin;

    /// <summary>Distance from a lateral offset to the nearer lane edge: + inside the lanes, - outside.</summary>
    public double DistanceToEdge(double lateral) => Layout.HalfRoadWidth - Math.Abs(lateral);

    /// <summary>Distance to the nearer barrier (+ inside), or +∞ without barriers.</summary>
    public double DistanceToBarrier(double lateral) =>
        Layout.HasBarrier ? Layout.BarrierLateral - Math.Abs(lateral) : double.PositiveInfinity;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double SegmentDistance2(int i, double px, double py)
    {
        double ax = px - _x[i], ay = py - _y[i];
        double t = (ax * _ex[i] + ay * _ey[i]) * _invLen2[i];
        t = t < 0 ? 0 : (t > 1 ? 1 : t);
        double dx = ax - t * _ex[i], dy = ay - t * _ey[i];
        return dx * dx + dy * dy;
    }

    private int Climb(int start, double px, double py, out double best, out bool capped)
    {
        int seg = start;
        best = SegmentDistance2(seg, px, py);
        int dir = 0;
        double fwd = SegmentDistance2(Next(seg), px, py);
        if (fwd < best)
        {
            dir = 1;
        }
        else
        {
            double back = SegmentDistance2(Prev(seg), px, py);
            if (back < best)
            {
                dir = -1;
            }
        }
        capped = false;
        if (dir == 0)
        {
            return seg;
        }
        for (int step = 0; step < MaxClimbSteps; step++)
        {
            int next = dir > 0 ? Next(seg) : Prev(seg);
            double d = SegmentDistance2(next, px, py);
            if (d >= best)
            {
                return seg;
            }
            best = d;
            seg = next;
        }
        capped = true;
        return seg;
    }

    private int GlobalSegment(double px, double py)
    {
        // Nearest sample first (4 flops each), then climb the segments around it to the exact local minimum.
        int bestI = 0;
        double best = double.MaxValue;
        double[] xs = _x, ys = _y;
        for (int i = 0; i < xs.Length; i++)
        {
            double dx = xs[i] - px, dy = ys[i] - py;
            double d = dx * dx + dy * dy;
            if (d < best)
            {
                best = d;
                bestI = i;
            }
        }
        int a = Climb(bestI, px, py, out double da, out _);
        int b = Climb(Prev(bestI), px, py, out double db, out _);
        return db < da ? b : a;
    }

    private TrackQuery Refine(int seg, Vec2 p)
    {
        double ax = p.X - _x[seg], ay = p.Y - _y[seg];
        double t = Math.Clamp((ax * _ex[seg] + ay * _ey[seg]) * _invLen2[seg], 0, 1);
        double s = (seg + t) * _ds;
        // One Newton step on the smooth curve removes the polyline's chord error (mm-level on tight curves).
        TrackSample c = Sample(s);
        Vec2 d = p - c.Position;
        double along = Vec2.Dot(d, c.Tangent);
        double denom = 1 - c.Curvature * Vec2.Dot(d, c.Left);
        if (denom > 0.2)
        {
            c = Sample(s + along / denom);
            d = p - c.Position;
        }
        double lateral = Vec2.Dot(d, c.Left);
        int lane = Layout.LaneIndexAt(lateral);
        int segment = Math.Min((int)(c.S * _invDs), _count - 1);
        return new TrackQuery(c.S, lateral, c.Position, c.Tangent, c.Heading, c.Curvature, lane, lane >= 0, segment);
    }
}
