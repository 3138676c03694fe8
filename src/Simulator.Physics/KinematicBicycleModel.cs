using System.Runtime.CompilerServices;

namespace Simulator.Physics;

/// <summary>
/// Kinematic bicycle model: no tire slip, the rear axle moves along the body axis and the car turns about the point
/// at distance L / tan δ from the rear axle. Longitudinal forces (drive with power limit, brakes, drag, rolling
/// resistance) use the same friction limits as the dynamic model; the yaw rate is capped so the lateral
/// acceleration never exceeds μ·g (otherwise it would corner on ice as on asphalt).
/// Cheap and unconditionally stable: used alone, and by the dynamic model below walking speed.
/// </summary>
public static class KinematicBicycleModel
{
    /// <summary>
    /// Advances <paramref name="s"/> by <paramref name="dt"/> seconds under command <paramref name="c"/> (sanitised first;
    /// the return value says what was fixed) on a surface with friction coefficient <paramref name="friction"/>.
    /// Allocation-free. Throws <see cref="ArgumentOutOfRangeException"/> for dt outside (0, 0.1] or friction outside [0, 10].
    /// </summary>
    public static ControlIssues Step(ref VehicleState s, in VehicleParams p, in VehicleControl c, double friction, double dt)
    {
        double mu = VehicleCommon.CheckArguments(friction, dt);
        VehicleControl u = c.Sanitized(out ControlIssues issues);
        VehicleCommon.SteerTowards(ref s, p, u.Steer, dt);
        Velocities(s, p, u, mu, dt, out double vx, out double vy, out double r);
        s.Vx = vx;
        s.Vy = vy;
        s.YawRate = r;
        VehicleCommon.IntegratePose(ref s, dt);
        return issues;
    }

    /// <summary>New body velocities (vx, vy, r) after one step; the steer angle in <paramref name="s"/> is already updated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Velocities(in VehicleState s, in VehicleParams p, in VehicleControl u, double mu, double dt,
        out double vx, out double vy, out double r)
    {
        double drive = VehicleCommon.DriveForce(p, u.Throttle, s.Vx);
        double brake = u.Brake * p.MaxBrakeForce;
        VehicleCommon.AxleLongitudinal(drive * p.FrontDriveFraction, brake * p.FrontBrakeFraction, mu * p.FrontAxleLoad,
            out double pf, out double qf);
        VehicleCommon.AxleLongitudinal(drive * (1 - p.FrontDriveFraction), brake * (1 - p.FrontBrakeFraction), mu * p.RearAxleLoad,
            out double pr, out double qr);

        // Propulsion first, then everything that resists motion pulls the speed towards zero and never past it:
        // brakes and drag cannot make a car roll backwards.
        double invMass = 1 / p.Mass;
        double v = s.Vx + dt * (pf + pr) * invMass;
        double resist = qf + qr + VehicleCommon.Resistance(p, s.Vx);
        vx = Simulator.Core.MathUtil.MoveTowards(v, 0, dt * resist * invMass);

        double yawRate = vx * Math.Tan(s.SteerAngle) / p.Wheelbase;
        double speed = Math.Abs(vx);
        double maxYawRate = speed > 1e-9 ? mu * VehicleParams.Gravity / speed : double.PositiveInfinity;
        r = Math.Clamp(yawRate, -maxYawRate, maxYawRate);
        // No rear-axle side slip: lateral velocity at the rear axle vy − lr·r is zero.
        vy = p.Lr * r;
    }
}
