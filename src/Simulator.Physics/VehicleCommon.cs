using System.Runtime.CompilerServices;
using Simulator.Core;

namespace Simulator.Physics;

/// <summary>Pieces the kinematic and the dynamic model share: argument checks, steering, pedals, pose integration.</summary>
internal static class VehicleCommon
{
    /// <summary>Friction values below this are treated as this (ice is ~0.1; 0 would make the tire formula singular).</summary>
    public const double MinFriction = 1e-3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double CheckArguments(double friction, double dt)
    {
        if (!(dt > 0 && dt <= 0.1))
        {
            ThrowDt(dt);
        }
        if (!(friction >= 0 && friction <= 10))
        {
            ThrowFriction(friction);
        }
        return Math.Max(friction, MinFriction);
    }

    /// <summary>Moves the actual steer angle towards the commanded one at most MaxSteerRate·dt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SteerTowards(ref VehicleState s, in VehicleParams p, double steerCommand, double dt)
    {
        double current = Math.Clamp(s.SteerAngle, -p.MaxSteerAngle, p.MaxSteerAngle);
        s.SteerAngle = MathUtil.MoveTowards(current, steerCommand * p.MaxSteerAngle, p.MaxSteerRate * dt);
    }

    /// <summary>
    /// Longitudinal wheel force of one axle after the friction limit |F| ≤ μ·Fz: <paramref name="propulsive"/> pushes
    /// forward along the wheel, <paramref name="resistive"/> opposes the wheel's rolling direction (brakes).
    /// At most one of the two is non-zero: drive and brake on the same axle cancel first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AxleLongitudinal(double drive, double brake, double limit, out double propulsive, out double resistive)
    {
        double net = drive - brake;
        if (net >= 0)
        {
            propulsive = Math.Min(net, limit);
            resistive = 0;
        }
        else
        {
            propulsive = 0;
            resistive = Math.Min(-net, limit);
        }
    }

    /// <summary>Total drive force demanded at forward speed <paramref name="vx"/>: throttle · min(MaxDriveForce, Power / |v|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double DriveForce(in VehicleParams p, double throttle, double vx)
    {
        double v = Math.Abs(vx);
        double force = v * p.MaxDriveForce > p.MaxDrivePower ? p.MaxDrivePower / v : p.MaxDriveForce;
        return throttle * force;
    }

    /// <summary>Drag plus rolling resistance magnitude (N) at forward speed vx; zero when standing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Resistance(in VehicleParams p, double vx) =>
        vx == 0 ? 0 : p.DragCoefficient * vx * vx + p.RollingResistance * p.Mass * VehicleParams.Gravity;

    /// <summary>
    /// Advances position and yaw with the new body velocities held constant over the step. Exact for constant body
    /// velocity and yaw rate: the displacement is dt·sinc(r·dt/2)·R(ψ + r·dt/2)·v, so constant inputs trace exact arcs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void IntegratePose(ref VehicleState s, double dt)
    {
        double half = 0.5 * s.YawRate * dt;
        double sinc = Math.Abs(half) < 1e-4 ? 1 - half * half / 6 : Math.Sin(half) / half;
        double mid = s.Yaw + half;
        double c = Math.Cos(mid), sn = Math.Sin(mid);
        double k = dt * sinc;
        s.X += k * (c * s.Vx - sn * s.Vy);
        s.Y += k * (sn * s.Vx + c * s.Vy);
        s.Yaw = MathUtil.WrapAngle(s.Yaw + 2 * half);
    }

    private static void ThrowDt(double dt) =>
        throw new ArgumentOutOfRangeException(nameof(dt), dt, "time step must be in (0, 0.1] seconds");

    private static void ThrowFriction(double friction) =>
        throw new ArgumentOutOfRangeException(nameof(friction), friction, "friction coefficient must be finite and in [0, 10]");
}
