namespace Simulator.Tracks;

/// <summary>Solver for tridiagonal systems with periodic corners (Sherman-Morrison on top of the Thomas algorithm).</summary>
internal static class CyclicTridiagonal
{
    /// <summary>
    /// Solves A x = r where row i is a[i] x[i-1] + b[i] x[i] + c[i] x[i+1], indices modulo n.
    /// The matrix must be diagonally dominant (the spline system is).
    /// </summary>
    public static double[] Solve(double[] a, double[] b, double[] c, double[] r)
    {
        int n = b.Length;
        if (n == 1)
        {
            return [r[0] / (a[0] + b[0] + c[0])];
        }
        if (n == 2)
        {
            double a00 = b[0], a01 = a[0] + c[0], a10 = a[1] + c[1], a11 = b[1];
            double det = a00 * a11 - a01 * a10;
            return [(r[0] * a11 - a01 * r[1]) / det, (a00 * r[1] - a10 * r[0]) / det];
        }
        double alpha = c[n - 1]; // bottom-left corner
        double beta = a[0]; // top-right corner
        double gamma = -b[0];
        var bb = (double[])b.Clone();
        bb[0] = b[0] - gamma;
        bb[n - 1] = b[n - 1] - alpha * beta / gamma;
        double[] x = Thomas(a, bb, c, r);
        var u = new double[n];
        u[0] = gamma;
        u[n - 1] = alpha;
        double[] z = Thomas(a, bb, c, u);
        double fact = (x[0] + beta * x[n - 1] / gamma) / (1 + z[0] + beta * z[n - 1] / gamma);
        for (int i = 0; i < n; i++)
        {
            x[i] -= fact * z[i];
        }
        return x;
    }

    private static double[] Thomas(double[] a, double[] b, double[] c, double[] r)
    {
        int n = b.Length;
        var cp = new double[n];
        var x = new double[n];
        double bet = b[0];
        x[0] = r[0] / bet;
        for (int i = 1; i < n; i++)
        {
            cp[i] = c[i - 1] / bet;
            bet = b[i] - a[i] * cp[i];
            x[i] = (r[i] - a[i] * x[i - 1]) / bet;
        }
        for (int i = n - 2; i >= 0; i--)
        {
            x[i] -= cp[i + 1] * x[i + 1];
        }
        return x;
    }
}
