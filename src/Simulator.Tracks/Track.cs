using System.Runtime.CompilerServices;
using Simulator.Core;

namespace Simulator.Tracks;

/// <summary>
/// A closed track: a smooth centerline through control points, resampled at equal arc-length steps (~0.5 m),
/// plus the road's cross-section. Immutable and thread-safe to read; every query is allocation-free.
/// Build one with <see cref="Create"/> (validates, throws on bad input) or <see cref="TrackValidator.Validate"/>.
/// </summary>
public sealed partial class Track
{
    public const double DefaultSampleSpacing = 0.5;

    // Structure of arrays: the query loop touches only what it needs.
    private readonly TrackNode[] _nodes; // node i and the segment from node i to node i+1 (wrapping)
    private readonly int _count;
    private readonly double _ds, _invDs;
    private readonly double _trustRadius2;
    private readonly Vec2[] _controlPoints;
    private readonly double[] _controlPointS;
    private readonly BarrierSegment[] _barrierSegments;

    internal Track(IReadOnlyList<Vec2> controlPoints, TrackLayout layout, double sampleSpacing = DefaultSampleSpacing)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        _controlPoints = [.. controlPoints];
        var spline = new PeriodicSpline(_controlPoints);
        double approx = spline.TotalLength();
        _count = Math.Max(16, (int)Math.Ceiling(approx / sampleSpacing));
        Length = spline.Resample(_count, out Vec2[] pos, out Vec2[] tan, out double[] curv, out _controlPointS);
        _ds = Length / _count;
        _invDs = 1 / _ds;
        _nodes = new TrackNode[_count];
        for (int i = 0; i < _count; i++)
        {
            ref TrackNode n = ref _nodes[i];
            n.X = pos[i].X;
            n.Y = pos[i].Y;
            n.Tx = tan[i].X;
            n.Ty = tan[i].Y;
            n.Heading = tan[i].Angle;
            n.Curvature = curv[i];
        }
        for (int i = 0; i < _count; i++)
        {
            ref TrackNode n = ref _nodes[i];
            ref TrackNode m = ref _nodes[Next(i)];
            n.DHeading = MathUtil.WrapAngle(m.Heading - n.Heading);
            n.Ex = m.X - n.X;
            n.Ey = m.Y - n.Y;
            n.InvLen2 = 1 / (n.Ex * n.Ex + n.Ey * n.Ey);
        }
        // Validated tracks keep non-neighbouring parts at least 2·HalfExtent apart, so a local minimum closer than
        // HalfExtent is the true closest point (or, at a level crossing, the branch the hint is following).
        double trust = Math.Max(layout.HalfExtent, 2 * _ds);
        _trustRadius2 = trust * trust;
        _barrierSegments = layout.HasBarrier ? BuildBarrierSegments(layout.BarrierLateral) : [];
        Crossings = [];
    }

    /// <summary>Validates the control points and layout and builds the track; throws <see cref="SimInputException"/>
    /// listing every problem (with control point index or s) when they do not make a drivable track.</summary>
    public static Track Create(IReadOnlyList<Vec2> controlPoints, TrackLayout layout, string? file = null, string path = "$.track")
    {
        TrackValidationResult result = TrackValidator.Validate(controlPoints, layout, file: file, path: path);
        result.ThrowIfInvalid(file, path);
        return result.Track!;
    }

    public TrackLayout Layout { get; }
    /// <summary>Total centerline length in metres.</summary>
    public double Length { get; }
    public IReadOnlyList<Vec2> ControlPoints => _controlPoints;
    /// <summary>Level crossings found by validation (only when the layout allows them).</summary>
    public IReadOnlyList<TrackCrossing> Crossings { get; internal set; }
    public int SampleCount => _count;

    /// <summary>Arc length at which the centerline passes control point i.</summary>
    public double ArcLengthOfControlPoint(int i) => _controlPointS[i];

    /// <summary>Index of the control point nearest (along the track) to arc length s: for error messages.</summary>
    public int NearestControlPoint(double s)
    {
        int best = 0;
        double bestD = double.MaxValue;
        for (int i = 0; i < _controlPointS.Length; i++)
        {
            double d = Math.Abs(DeltaS(s, _controlPointS[i]));
            if (d < bestD)
            {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
    /// <summary>Arc length between consecutive samples (Length / SampleCount).</summary>
    public double SampleSpacing => _ds;

    /// <summary>Barrier walls as 2D segments (left and right, in order along s); empty without barriers.</summary>
    public ReadOnlySpan<BarrierSegment> BarrierSegments => _barrierSegments;

    public double LaneCenter(int lane) => Layout.LaneCenter(lane);

    /// <summary>Centerline sample i exactly as resampled (s = i · SampleSpacing).</summary>
    public TrackSample SampleAt(int i)
    {
        if ((uint)i >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(i));
        }
        ref readonly TrackNode n = ref _nodes[i];
        return new TrackSample(i * _ds, new Vec2(n.X, n.Y), new Vec2(n.Tx, n.Ty), n.Heading, n.Curvature);
    }

    /// <summary>The centerline at arc length s (wraps modulo Length), Hermite-interpolated between samples.</summary>
    public TrackSample Sample(double s)
    {
        s = WrapS(s);
        double f = s * _invDs;
        int i = (int)f;
        if (i >= _count)
        {
            i = _count - 1;
        }
        double t = f - i;
        return SampleIn(i, t, s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TrackSample SampleIn(int i, double t, double s)
    {
        ref readonly TrackNode a = ref _nodes[i];
        ref readonly TrackNode b = ref _nodes[Next(i)];
        Interpolate(a, b, t, out Vec2 position, out Vec2 tangent);
        double heading = a.Heading + t * a.DHeading;
        if (heading > Math.PI || heading <= -Math.PI)
        {
            heading = MathUtil.WrapAngle(heading);
        }
        double curvature = a.Curvature + t * (b.Curvature - a.Curvature);
        return new TrackSample(s, position, tangent, heading, curvature);
    }

    /// <summary>World point at arc length s and lateral offset (+ left of travel).</summary>
    public Vec2 ToWorld(double s, double lateral)
    {
        TrackSample q = Sample(s);
        return q.Position + q.Left * lateral;
    }

    /// <summary>Pose of travel along the track at (s, lateral).</summary>
    public Pose2 PoseAt(double s, double lateral)
    {
        TrackSample q = Sample(s);
        return new Pose2(q.Position + q.Left * lateral, q.Heading);
    }

    /// <summary>s wrapped into [0, Length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double WrapS(double s)
    {
        if (s >= 0 && s < Length)
        {
            return s;
        }
        double r = MathUtil.PositiveMod(s, Length);
        return r >= Length ? 0 : r;
    }

    /// <summary>Signed shortest distance along the track from s0 to s1, in (-Length/2, Length/2].</summary>
    public double DeltaS(double s0, double s1)
    {
        double d = MathUtil.PositiveMod(s1 - s0, Length);
        return d > 0.5 * Length ? d - Length : d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Next(int i) => i + 1 == _count ? 0 : i + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Prev(int i) => i == 0 ? _count - 1 : i - 1;

    // Cubic Hermite with unit tangents scaled by the sample spacing: matches the arc-length parameterised
    // curve to fourth order, so positions between samples stay on the spline to well under a millimetre.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Interpolate(in TrackNode a, in TrackNode b, double t, out Vec2 position, out Vec2 tangent)
    {
        double t2 = t * t, t3 = t2 * t;
        double h00 = 2 * t3 - 3 * t2 + 1, h10 = (t3 - 2 * t2 + t) * _ds, h01 = 3 * t2 - 2 * t3, h11 = (t3 - t2) * _ds;
        position = new Vec2(h00 * a.X + h10 * a.Tx + h01 * b.X + h11 * b.Tx, h00 * a.Y + h10 * a.Ty + h01 * b.Y + h11 * b.Ty);
        double d00 = 6 * t2 - 6 * t, d10 = (3 * t2 - 4 * t + 1) * _ds, d11 = (3 * t2 - 2 * t) * _ds;
        double dx = d00 * (a.X - b.X) + d10 * a.Tx + d11 * b.Tx;
        double dy = d00 * (a.Y - b.Y) + d10 * a.Ty + d11 * b.Ty;
        double inv = 1 / Math.Sqrt(dx * dx + dy * dy);
        tangent = new Vec2(dx * inv, dy * inv);
    }

    private BarrierSegment[] BuildBarrierSegments(double lateral)
    {
        // One segment per ~2 m of centerline: fine enough that the chord error on the tightest legal curve is cm-level.
        int stride = Math.Max(1, (int)Math.Round(2.0 / _ds));
        int n = (_count + stride - 1) / stride;
        var segs = new BarrierSegment[2 * n];
        for (int side = 0; side < 2; side++)
        {
            double lat = side == 0 ? lateral : -lateral;
            for (int k = 0; k < n; k++)
            {
                int i0 = k * stride, i1 = k + 1 == n ? 0 : (k + 1) * stride;
                TrackNode n0 = _nodes[i0], n1 = _nodes[i1];
                Vec2 a = new Vec2(n0.X, n0.Y) + new Vec2(-n0.Ty, n0.Tx) * lat;
                Vec2 b = new Vec2(n1.X, n1.Y) + new Vec2(-n1.Ty, n1.Tx) * lat;
                segs[side * n + k] = new BarrierSegment(a, b, side == 0 ? TrackSide.Left : TrackSide.Right, i0 * _ds);
            }
        }
        return segs;
    }
}
