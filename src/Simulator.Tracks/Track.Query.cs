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
            double c0 = _nodes[i].Curvature;
            result[k] = c0 + t * (_nodes[Next(i)].Curvature - c0);
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
        ref readonly TrackNode n = ref _nodes[i];
        double ax = px - n.X, ay = py - n.Y;
        double t = (ax * n.Ex + ay * n.Ey) * n.InvLen2;
        t = t < 0 ? 0 : (t > 1 ? 1 : t);
        double dx = ax - t * n.Ex, dy = ay - t * n.Ey;
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
        TrackNode[] nodes = _nodes;
        for (int i = 0; i < nodes.Length; i++)
        {
            double dx = nodes[i].X - px, dy = nodes[i].Y - py;
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
        ref readonly TrackNode a = ref _nodes[seg];
        ref readonly TrackNode b = ref _nodes[Next(seg)];
        double t = Math.Clamp(((p.X - a.X) * a.Ex + (p.Y - a.Y) * a.Ey) * a.InvLen2, 0, 1);
        // One Newton step on the Hermite curve removes the polyline's chord error (mm-level on tight curves).
        double t2 = t * t, t3 = t2 * t, ds = _ds;
        double h00 = 2 * t3 - 3 * t2 + 1, h10 = (t3 - 2 * t2 + t) * ds, h01 = 3 * t2 - 2 * t3, h11 = (t3 - t2) * ds;
        double d00 = 6 * t2 - 6 * t, d10 = (3 * t2 - 4 * t + 1) * ds, d11 = (3 * t2 - 2 * t) * ds;
        double e00 = 12 * t - 6, e10 = (6 * t - 4) * ds, e11 = (6 * t - 2) * ds;
        double abx = a.X - b.X, aby = a.Y - b.Y;
        double rx = p.X - (h00 * a.X + h10 * a.Tx + h01 * b.X + h11 * b.Tx);
        double ry = p.Y - (h00 * a.Y + h10 * a.Ty + h01 * b.Y + h11 * b.Ty);
        double dx = d00 * abx + d10 * a.Tx + d11 * b.Tx, dy = d00 * aby + d10 * a.Ty + d11 * b.Ty;
        double ddx = e00 * abx + e10 * a.Tx + e11 * b.Tx, ddy = e00 * aby + e10 * a.Ty + e11 * b.Ty;
        double dd = dx * dx + dy * dy;
        double hess = dd - (rx * ddx + ry * ddy);
        if (hess > 0.2 * dd)
        {
            t += (rx * dx + ry * dy) / hess;
        }
        if (t < 0)
        {
            seg = Prev(seg);
            t = Math.Max(t + 1, 0);
        }
        else if (t >= 1)
        {
            seg = Next(seg);
            t = Math.Min(t - 1, 0.999999999);
        }
        TrackSample c = SampleIn(seg, t, (seg + t) * _ds);
        Vec2 left = c.Left;
        double lateral = (p.X - c.Position.X) * left.X + (p.Y - c.Position.Y) * left.Y;
        int lane = Layout.LaneIndexAt(lateral);
        return new TrackQuery(c.S, lateral, c.Position, c.Tangent, c.Heading, c.Curvature, lane, lane >= 0, seg);
    }
}
