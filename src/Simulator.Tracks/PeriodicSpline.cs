using Simulator.Core;

namespace Simulator.Tracks;

/// <summary>
/// Closed C2 cubic spline through control points, parameterised by chord length (so it is scale-equivariant and
/// does not loop on unevenly spaced points). C2 gives continuous curvature, which the autopilot's look-ahead needs.
/// </summary>
internal sealed class PeriodicSpline
{
    // 5-point Gauss-Legendre nodes and weights on [-1, 1]: exact for polynomials up to degree 9.
    private static readonly double[] s_glNodes = [0.0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640, 0.9061798459386640];
    private static readonly double[] s_glWeights = [0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891, 0.2369268850561891];

    private readonly Vec2[] _p;
    private readonly Vec2[] _m; // second derivatives at the knots
    private readonly double[] _h; // chord length of each segment (parameter span)

    public PeriodicSpline(IReadOnlyList<Vec2> points)
    {
        int n = points.Count;
        if (n < 3)
        {
            throw new ArgumentException("A closed spline needs at least 3 points.", nameof(points));
        }
        _p = new Vec2[n];
        _h = new double[n];
        for (int i = 0; i < n; i++)
        {
            _p[i] = points[i];
        }
        for (int i = 0; i < n; i++)
        {
            _h[i] = Vec2.Distance(_p[i], _p[(i + 1) % n]);
            if (!(_h[i] > 1e-9))
            {
                throw new ArgumentException($"Control points {i} and {(i + 1) % n} coincide.", nameof(points));
            }
        }
        _m = SolveSecondDerivatives();
    }

    public int SegmentCount => _p.Length;
    public double SegmentSpan(int i) => _h[i];

    private Vec2[] SolveSecondDerivatives()
    {
        int n = _p.Length;
        var a = new double[n];
        var b = new double[n];
        var c = new double[n];
        var rx = new double[n];
        var ry = new double[n];
        for (int i = 0; i < n; i++)
        {
            int prev = (i + n - 1) % n;
            double hp = _h[prev], hi = _h[i];
            a[i] = hp;
            b[i] = 2 * (hp + hi);
            c[i] = hi;
            Vec2 rhs = 6 * ((_p[(i + 1) % n] - _p[i]) / hi - (_p[i] - _p[prev]) / hp);
            rx[i] = rhs.X;
            ry[i] = rhs.Y;
        }
        double[] mx = CyclicTridiagonal.Solve(a, b, c, rx);
        double[] my = CyclicTridiagonal.Solve(a, b, c, ry);
        var m = new Vec2[n];
        for (int i = 0; i < n; i++)
        {
            m[i] = new Vec2(mx[i], my[i]);
        }
        return m;
    }

    public Vec2 Position(int seg, double u)
    {
        int n = _p.Length;
        double h = _h[seg];
        Vec2 m0 = _m[seg], m1 = _m[(seg + 1) % n];
        Vec2 p0 = _p[seg], p1 = _p[(seg + 1) % n];
        double w = h - u;
        return m0 * (w * w * w / (6 * h)) + m1 * (u * u * u / (6 * h))
            + (p0 / h - m0 * (h / 6)) * w + (p1 / h - m1 * (h / 6)) * u;
    }

    public Vec2 Derivative(int seg, double u)
    {
        int n = _p.Length;
        double h = _h[seg];
        Vec2 m0 = _m[seg], m1 = _m[(seg + 1) % n];
        Vec2 p0 = _p[seg], p1 = _p[(seg + 1) % n];
        double w = h - u;
        return m0 * (-w * w / (2 * h)) + m1 * (u * u / (2 * h)) - (p0 / h - m0 * (h / 6)) + (p1 / h - m1 * (h / 6));
    }

    public Vec2 SecondDerivative(int seg, double u)
    {
        double h = _h[seg];
        return _m[seg] * ((h - u) / h) + _m[(seg + 1) % _p.Length] * (u / h);
    }

    /// <summary>Arc length of segment <paramref name="seg"/> between parameters u0 and u1.</summary>
    public double ArcLength(int seg, double u0, double u1)
    {
        double half = 0.5 * (u1 - u0), mid = 0.5 * (u1 + u0), sum = 0;
        for (int k = 0; k < s_glNodes.Length; k++)
        {
            sum += s_glWeights[k] * Derivative(seg, mid + half * s_glNodes[k]).Length;
        }
        return sum * half;
    }

    /// <summary>Total length of the closed curve (each segment split in 16 Gauss-Legendre pieces: ~1e-12 relative).</summary>
    public double TotalLength()
    {
        double sum = 0;
        for (int i = 0; i < _p.Length; i++)
        {
            double du = _h[i] / 16;
            for (int j = 0; j < 16; j++)
            {
                sum += ArcLength(i, j * du, (j + 1) * du);
            }
        }
        return sum;
    }

    /// <summary>
    /// Resamples the curve at <paramref name="count"/> points equally spaced in arc length.
    /// Returns positions, unit tangents and signed curvature (+ turning left) at each sample, the arc length of each
    /// control point, and the total length.
    /// </summary>
    public double Resample(int count, out Vec2[] positions, out Vec2[] tangents, out double[] curvature, out double[] knotS)
    {
        const int subPerMetre = 4; // sub-intervals for the arc-length table: Gauss-Legendre on each is ~exact
        int nSeg = _p.Length;
        var subStart = new int[nSeg + 1];
        for (int i = 0; i < nSeg; i++)
        {
            subStart[i + 1] = subStart[i] + Math.Max(4, (int)Math.Ceiling(_h[i] * subPerMetre));
        }
        int totalSub = subStart[nSeg];
        var cum = new double[totalSub + 1];
        var subSeg = new int[totalSub];
        var subU0 = new double[totalSub];
        var subDu = new double[totalSub];
        int k = 0;
        for (int i = 0; i < nSeg; i++)
        {
            int parts = subStart[i + 1] - subStart[i];
            double du = _h[i] / parts;
            for (int j = 0; j < parts; j++, k++)
            {
                subSeg[k] = i;
                subU0[k] = j * du;
                subDu[k] = du;
                cum[k + 1] = cum[k] + ArcLength(i, j * du, (j + 1) * du);
            }
        }
        double length = cum[totalSub];
        knotS = new double[nSeg];
        for (int i = 0; i < nSeg; i++)
        {
            knotS[i] = cum[subStart[i]];
        }
        positions = new Vec2[count];
        tangents = new Vec2[count];
        curvature = new double[count];
        double ds = length / count;
        int sub = 0;
        for (int q = 0; q < count; q++)
        {
            double target = q * ds;
            while (sub < totalSub - 1 && cum[sub + 1] <= target)
            {
                sub++;
            }
            int seg = subSeg[sub];
            double u0 = subU0[sub];
            double remain = target - cum[sub];
            double u = u0 + subDu[sub] * (cum[sub + 1] > cum[sub] ? remain / (cum[sub + 1] - cum[sub]) : 0);
            for (int it = 0; it < 6; it++)
            {
                double err = ArcLength(seg, u0, u) - remain;
                double speed = Derivative(seg, u).Length;
                double step = err / speed;
                u -= step;
                if (Math.Abs(step) < 1e-13)
                {
                    break;
                }
            }
            Vec2 d1 = Derivative(seg, u);
            Vec2 d2 = SecondDerivative(seg, u);
            double speed3 = Math.Pow(d1.Length, 3);
            positions[q] = Position(seg, u);
            tangents[q] = d1.Normalized();
            curvature[q] = Vec2.Cross(d1, d2) / speed3;
        }
        return length;
    }
}
