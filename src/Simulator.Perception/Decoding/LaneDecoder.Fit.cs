using Simulator.Perception.Data;

namespace Simulator.Perception.Decoding;

public sealed partial class LaneDecoder
{
    /// <summary>Rows a line must span for the 2nd-order term (shorter lines get a straight fit).</summary>
    private const float QuadraticMinSpanFraction = 0.2f;

    private FittedLane[] Fit()
    {
        Span<int> chosen = stackalloc int[_options.MaxLanes];
        int count = ChooseLongest(chosen);
        var lanes = new (FittedLane Lane, double Key)[count];
        for (int i = 0; i < count; i++)
        {
            Track t = _tracks[chosen[i]];
            Polynomial p = Polynomial.Fit(t.X.AsSpan(0, t.Count), t.Y.AsSpan(0, t.Count), _height, QuadraticMinSpanFraction);
            lanes[i] = Sample(p, t.Y[0], t.Y[t.Count - 1]);
        }
        // Id 0 = rightmost at the car: most negative lateral offset (vehicle y is to the left), else largest column.
        Array.Sort(lanes, static (a, b) => a.Key.CompareTo(b.Key));
        var result = new FittedLane[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = lanes[i].Lane with { Id = i };
        }
        return result;
    }

    private int ChooseLongest(Span<int> chosen)
    {
        int count = 0;
        for (int t = 0; t < _trackCount; t++)
        {
            int n = _tracks[t].Count;
            if (n < _options.MinPoints)
            {
                continue;
            }
            if (count < chosen.Length)
            {
                chosen[count++] = t;
                continue;
            }
            int shortest = 0;
            for (int i = 1; i < count; i++)
            {
                if (_tracks[chosen[i]].Count < _tracks[chosen[shortest]].Count)
                {
                    shortest = i;
                }
            }
            if (_tracks[chosen[shortest]].Count < n)
            {
                chosen[shortest] = t;
            }
        }
        return count;
    }

    // Image points from the bottom row of the line upwards, every SampleStep rows and at its top.
    private (FittedLane Lane, double Key) Sample(Polynomial p, float bottom, float top)
    {
        int steps = (int)((bottom - top) / _options.SampleStep) + 1;
        bool topExtra = bottom - (steps - 1) * _options.SampleStep > top + 1e-3f;
        int n = steps + (topExtra ? 1 : 0);
        var image = new List<(float X, float Y)>(n);
        var vehicle = new List<(float X, float Y)>(n);
        for (int i = 0; i < n; i++)
        {
            float y = i < steps ? bottom - i * _options.SampleStep : top;
            float x = (float)p.At(y);
            if (_camera is { } cam)
            {
                if (!cam.TryImageToVehicle(x, y, out double vx, out double vy))
                {
                    continue;
                }
                vehicle.Add(((float)vx, (float)vy));
            }
            image.Add((x, y));
        }
        double key = _camera is null || vehicle.Count == 0 ? -p.At(bottom) : vehicle[0].Y;
        return (new FittedLane(0, [.. image], [.. vehicle]), key);
    }

    /// <summary>x(y) = c0 + c1·u + c2·u² with u = y / height (scaled for conditioning).</summary>
    private readonly record struct Polynomial(double C0, double C1, double C2, double Scale)
    {
        public double At(double y)
        {
            double u = y / Scale;
            return C0 + C1 * u + C2 * u * u;
        }

        /// <summary>Least squares through (x[i], y[i]); 2nd order when the points span at least
        /// <paramref name="quadraticSpan"/> of the height and there are 4 or more, else a line.</summary>
        public static Polynomial Fit(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int height, float quadraticSpan)
        {
            double scale = height;
            double minY = double.MaxValue, maxY = double.MinValue;
            for (int i = 0; i < y.Length; i++)
            {
                minY = Math.Min(minY, y[i]);
                maxY = Math.Max(maxY, y[i]);
            }
            int order = x.Length >= 4 && maxY - minY >= quadraticSpan * height ? 2 : maxY > minY ? 1 : 0;
            // Normal equations (at most 3×3), solved by Gaussian elimination with partial pivoting.
            Span<double> a = stackalloc double[9];
            Span<double> b = stackalloc double[3];
            int m = order + 1;
            for (int i = 0; i < x.Length; i++)
            {
                double u = y[i] / scale;
                Span<double> pw = [1, u, u * u];
                for (int r = 0; r < m; r++)
                {
                    b[r] += pw[r] * x[i];
                    for (int c = 0; c < m; c++)
                    {
                        a[r * 3 + c] += pw[r] * pw[c];
                    }
                }
            }
            Span<double> coef = stackalloc double[3];
            Solve(a, b, m, coef);
            return new Polynomial(coef[0], coef[1], coef[2], scale);
        }

        private static void Solve(Span<double> a, Span<double> b, int m, Span<double> x)
        {
            for (int col = 0; col < m; col++)
            {
                int pivot = col;
                for (int r = col + 1; r < m; r++)
                {
                    if (Math.Abs(a[r * 3 + col]) > Math.Abs(a[pivot * 3 + col]))
                    {
                        pivot = r;
                    }
                }
                if (pivot != col)
                {
                    for (int c = 0; c < m; c++)
                    {
                        (a[col * 3 + c], a[pivot * 3 + c]) = (a[pivot * 3 + c], a[col * 3 + c]);
                    }
                    (b[col], b[pivot]) = (b[pivot], b[col]);
                }
                double d = a[col * 3 + col];
                if (Math.Abs(d) < 1e-12)
                {
                    continue;
                }
                for (int r = col + 1; r < m; r++)
                {
                    double f = a[r * 3 + col] / d;
                    for (int c = col; c < m; c++)
                    {
                        a[r * 3 + c] -= f * a[col * 3 + c];
                    }
                    b[r] -= f * b[col];
                }
            }
            for (int r = m - 1; r >= 0; r--)
            {
                double s = b[r];
                for (int c = r + 1; c < m; c++)
                {
                    s -= a[r * 3 + c] * x[c];
                }
                double d = a[r * 3 + r];
                x[r] = Math.Abs(d) < 1e-12 ? 0 : s / d;
            }
        }
    }
}
