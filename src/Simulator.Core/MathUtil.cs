using System.Runtime.CompilerServices;

namespace Simulator.Core;

public static class MathUtil
{
    public const double TwoPi = 2 * Math.PI;

    /// <summary>Wraps an angle into (-π, π].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double WrapAngle(double a)
    {
        if (a > -Math.PI && a <= Math.PI)
        {
            return a;
        }
        a = Math.IEEERemainder(a, TwoPi);
        return a <= -Math.PI ? a + TwoPi : a;
    }

    /// <summary>Positive modulo: result in [0, m).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PositiveMod(double x, double m)
    {
        double r = x % m;
        return r < 0 ? r + m : r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MoveTowards(double current, double target, double maxDelta)
    {
        double d = target - current;
        return Math.Abs(d) <= maxDelta ? target : current + Math.Sign(d) * maxDelta;
    }

    public static double SmoothStep(double edge0, double edge1, double x)
    {
        double t = Math.Clamp((x - edge0) / (edge1 - edge0), 0, 1);
        return t * t * (3 - 2 * t);
    }
}
