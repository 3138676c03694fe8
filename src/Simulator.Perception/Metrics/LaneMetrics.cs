using Simulator.Perception.Data;

namespace Simulator.Perception.Metrics;

/// <summary>
/// Lateral error of fitted lane lines in metres, accumulated over frames. Both the ground truth and the fit are read
/// in vehicle coordinates: a line's lateral offset y at a forward distance d is interpolated linearly between its two
/// points whose x bracket d (the first such pair), and is missing where the line does not reach d. Per frame, the
/// distance between a true and a fitted line is the mean |Δy| over the <see cref="Distances"/> where both exist;
/// pairs are matched greedily, closest first, one fitted line per true line, and only when that distance is at most
/// <see cref="MatchDistance"/>. Matched pairs add their |Δy| at every shared distance to the totals; a true line left
/// without a fit counts as <see cref="MissedLanes"/>, a fit left without a true line as <see cref="FalseLanes"/>.
/// </summary>
public sealed class LaneMetrics
{
    /// <summary>Forward distances (metres) where the lateral error is measured.</summary>
    public static readonly double[] Distances = [5, 10, 15, 20, 30];

    private readonly double[] _sum = new double[Distances.Length];
    private readonly long[] _count = new long[Distances.Length];

    /// <param name="matchDistance">Largest mean |Δy| (metres) at which a fit still matches a true line (default
    /// 1 m, under a third of a lane).</param>
    public LaneMetrics(double matchDistance = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(matchDistance);
        MatchDistance = matchDistance;
    }

    public double MatchDistance { get; }
    public long Frames { get; private set; }
    public long TrueLanes { get; private set; }
    public long MatchedLanes { get; private set; }
    public long MissedLanes { get; private set; }
    public long FalseLanes { get; private set; }

    public void Add(IReadOnlyList<GtLane> truth, IReadOnlyList<FittedLane> fitted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(fitted);
        var ty = truth.Select(l => Sample(l.VehiclePoints)).ToArray();
        var fy = fitted.Select(l => Sample(l.VehiclePoints)).ToArray();
        var pairs = new List<(double Distance, int T, int F)>();
        for (int t = 0; t < ty.Length; t++)
        {
            for (int f = 0; f < fy.Length; f++)
            {
                double d = MeanAbsDifference(ty[t], fy[f]);
                if (d <= MatchDistance)
                {
                    pairs.Add((d, t, f));
                }
            }
        }
        pairs.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.T != b.T ? a.T.CompareTo(b.T) : a.F.CompareTo(b.F));
        var usedT = new bool[ty.Length];
        var usedF = new bool[fy.Length];
        int matched = 0;
        foreach (var (_, t, f) in pairs)
        {
            if (usedT[t] || usedF[f])
            {
                continue;
            }
            usedT[t] = usedF[f] = true;
            matched++;
            for (int k = 0; k < Distances.Length; k++)
            {
                if (!double.IsNaN(ty[t][k]) && !double.IsNaN(fy[f][k]))
                {
                    _sum[k] += Math.Abs(ty[t][k] - fy[f][k]);
                    _count[k]++;
                }
            }
        }
        Frames++;
        TrueLanes += ty.Length;
        MatchedLanes += matched;
        MissedLanes += ty.Length - matched;
        FalseLanes += fy.Length - matched;
    }

    /// <summary>Mean |Δy| (metres) of matched lines at <see cref="Distances"/>[k]; NaN without samples.</summary>
    public double LateralError(int k) => _count[k] == 0 ? double.NaN : _sum[k] / _count[k];

    /// <summary>Samples at distance k that went into <see cref="LateralError(int)"/>.</summary>
    public long Samples(int k) => _count[k];

    /// <summary>Mean |Δy| (metres) over every matched sample at every distance; NaN without samples.</summary>
    public double MeanLateralError
    {
        get
        {
            long n = _count.Sum();
            return n == 0 ? double.NaN : _sum.Sum() / n;
        }
    }

    /// <summary>The line's lateral offset at each of <see cref="Distances"/> (NaN where it does not reach).</summary>
    public static double[] Sample(IReadOnlyList<(float X, float Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var y = new double[Distances.Length];
        for (int k = 0; k < Distances.Length; k++)
        {
            y[k] = LateralAt(points, Distances[k]);
        }
        return y;
    }

    /// <summary>y at forward distance <paramref name="d"/>, interpolated in the first segment whose x brackets it.</summary>
    public static double LateralAt(IReadOnlyList<(float X, float Y)> points, double d)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (int i = 0; i + 1 < points.Count; i++)
        {
            var (x0, y0) = points[i];
            var (x1, y1) = points[i + 1];
            if ((x0 <= d && d <= x1) || (x1 <= d && d <= x0))
            {
                return x1 == x0 ? y0 : y0 + (y1 - y0) * (d - x0) / (x1 - x0);
            }
        }
        return double.NaN;
    }

    private static double MeanAbsDifference(double[] a, double[] b)
    {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < a.Length; k++)
        {
            if (!double.IsNaN(a[k]) && !double.IsNaN(b[k]))
            {
                sum += Math.Abs(a[k] - b[k]);
                n++;
            }
        }
        return n == 0 ? double.PositiveInfinity : sum / n;
    }
}
