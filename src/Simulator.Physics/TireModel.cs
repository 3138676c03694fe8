using System.Runtime.CompilerServices;

namespace Simulator.Physics;

/// <summary>
/// Simplified Pacejka "magic formula" for the lateral force of one axle:
/// F = D·sin(C·atan(B·α − E·(B·α − atan(B·α)))), with D = μ·Fz (peak force) and B chosen as Cα / (C·D) so the slope
/// at zero slip equals the axle's cornering stiffness Cα on every surface; lower friction lowers the peak and
/// moves it to a smaller slip angle. For C in (0, 2) and E ≤ 1 the force has the sign of α.
/// </summary>
public static class TireModel
{
    /// <summary>Peak forces below this (N) count as no grip at all (avoids B = Cα / (C·0)).</summary>
    private const double MinPeakForce = 1e-6;

    /// <summary>Lateral force (N) at slip angle <paramref name="slip"/> (rad) for peak force <paramref name="peak"/> = μ·Fz.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LateralForce(double slip, double corneringStiffness, double shapeC, double curvatureE, double peak)
    {
        if (peak < MinPeakForce)
        {
            return 0;
        }
        double b = corneringStiffness / (shapeC * peak);
        double x = b * slip;
        return peak * Math.Sin(shapeC * Math.Atan(x - curvatureE * (x - Math.Atan(x))));
    }
}
