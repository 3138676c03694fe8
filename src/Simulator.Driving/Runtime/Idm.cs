namespace Simulator.Driving.Runtime;

/// <summary>Parameters of the Intelligent Driver Model (Treiber, Hennecke, Helbing 2000).</summary>
public readonly record struct IdmParams(double DesiredSpeed, double TimeHeadway, double MinGap, double MaxAccel = 1.5,
    double ComfortDecel = 2.0, double Exponent = 4);

public static class Idm
{
    /// <summary>Gap treated as "no leader".</summary>
    public const double FreeRoad = 1e6;

    /// <summary>
    /// IDM acceleration for speed <paramref name="v"/> behind a leader at bumper gap <paramref name="gap"/> moving at
    /// <paramref name="leaderSpeed"/>. Bounded below by an emergency deceleration so the result stays physical.
    /// </summary>
    public static double Acceleration(in IdmParams p, double v, double gap, double leaderSpeed, double maxDecel = 9.0)
    {
        double v0 = Math.Max(p.DesiredSpeed, 0.1);
        double free = 1 - Math.Pow(Math.Max(v, 0) / v0, p.Exponent);
        if (gap >= FreeRoad)
        {
            return p.MaxAccel * free;
        }
        double dv = v - leaderSpeed;
        double sStar = p.MinGap + Math.Max(0, v * p.TimeHeadway + v * dv / (2 * Math.Sqrt(p.MaxAccel * p.ComfortDecel)));
        double g = Math.Max(gap, 0.01);
        double a = p.MaxAccel * (free - (sStar / g) * (sStar / g));
        return Math.Max(a, -maxDecel);
    }
}
