using Simulator.Core;

namespace Simulator.Physics;

/// <summary>
/// Dynamic (single-track) bicycle model with slip: lateral axle forces from the simplified Pacejka formula
/// (<see cref="TireModel"/>), longitudinal drive (force and power limited) and brakes per axle, friction circle per
/// axle (longitudinal force takes its share of μ·Fz first, lateral force gets what is left), drag and rolling
/// resistance. Static axle loads (no load transfer).
/// <para>
/// Integration: semi-implicit Euler. Forward speed is advanced explicitly with the non-reversal rule (brakes, drag and
/// rolling resistance pull it towards zero, never past); lateral speed and yaw rate take a linearly implicit step
/// (backward Euler on the tires' secant stiffness), which stays stable at 60 Hz down to walking speed where the
/// explicit step would oscillate; position and yaw then move with the new velocities along an exact arc.
/// Below <see cref="KinematicBelowSpeed"/> the kinematic model takes over (slip angles are singular at standstill),
/// blended smoothly up to <see cref="DynamicAboveSpeed"/>.
/// </para>
/// </summary>
public static class DynamicBicycleModel
{
    /// <summary>Forward speed (m/s) below which the step is purely kinematic.</summary>
    public const double KinematicBelowSpeed = 1.0;
    /// <summary>Forward speed (m/s) above which the step is purely dynamic; between the two the results are blended.</summary>
    public const double DynamicAboveSpeed = 2.5;
    /// <summary>Smallest longitudinal speed used as the slip-angle denominator (only reached inside the blend zone).</summary>
    private const double SlipSpeedFloor = 0.5;

    /// <summary>
    /// Advances <paramref name="s"/> by <paramref name="dt"/> seconds under command <paramref name="c"/> (sanitised first;
    /// the return value says what was fixed) on a surface with friction coefficient <paramref name="friction"/>
    /// (1 dry asphalt, ~0.5 wet, ~0.1 ice). Allocation-free. Throws <see cref="ArgumentOutOfRangeException"/> for dt
    /// outside (0, 0.1] or friction outside [0, 10].
    /// </summary>
    public static ControlIssues Step(ref VehicleState s, in VehicleParams p, in VehicleControl c, double friction, double dt)
    {
        double mu = VehicleCommon.CheckArguments(friction, dt);
        VehicleControl u = c.Sanitized(out ControlIssues issues);
        VehicleCommon.SteerTowards(ref s, p, u.Steer, dt);

        double w = MathUtil.SmoothStep(KinematicBelowSpeed, DynamicAboveSpeed, Math.Abs(s.Vx));
        double vx, vy, r;
        if (w <= 0)
        {
            KinematicBicycleModel.Velocities(s, p, u, mu, dt, out vx, out vy, out r);
        }
        else if (w >= 1)
        {
            Velocities(s, p, u, mu, dt, out vx, out vy, out r);
        }
        else
        {
            KinematicBicycleModel.Velocities(s, p, u, mu, dt, out double kx, out double ky, out double kr);
            Velocities(s, p, u, mu, dt, out vx, out vy, out r);
            vx = kx + w * (vx - kx);
            vy = ky + w * (vy - ky);
            r = kr + w * (r - kr);
        }
        s.Vx = vx;
        s.Vy = vy;
        s.YawRate = r;
        VehicleCommon.IntegratePose(ref s, dt);
        return issues;
    }

    private static void Velocities(in VehicleState s, in VehicleParams p, in VehicleControl u, double mu, double dt,
        out double vxNew, out double vyNew, out double rNew)
    {
        double vx = s.Vx, vy = s.Vy, r = s.YawRate;
        double cd = Math.Cos(s.SteerAngle), sd = Math.Sin(s.SteerAngle);
        double lf = p.Lf, lr = p.Lr, m = p.Mass, iz = p.YawInertia;

        // Velocities of the axle centres in their wheels' frames: along the wheel (rolling) and across it (slip).
        double frontLat = vy + lf * r;
        double frontLong = vx * cd + frontLat * sd;
        double frontSide = -vx * sd + frontLat * cd;
        double rearSide = vy - lr * r;
        double uf = Math.Max(Math.Abs(frontLong), SlipSpeedFloor);
        double ur = Math.Max(Math.Abs(vx), SlipSpeedFloor);
        // Slip angles are signed so that a positive angle gives a leftward force; |v_long| keeps them right in reverse.
        double alphaF = -Math.Atan(frontSide / uf);
        double alphaR = -Math.Atan(rearSide / ur);

        double peakF = mu * p.FrontAxleLoad, peakR = mu * p.RearAxleLoad;
        double drive = VehicleCommon.DriveForce(p, u.Throttle, vx);
        double brake = u.Brake * p.MaxBrakeForce;
        VehicleCommon.AxleLongitudinal(drive * p.FrontDriveFraction, brake * p.FrontBrakeFraction, peakF, out double pf, out double qf);
        VehicleCommon.AxleLongitudinal(drive * (1 - p.FrontDriveFraction), brake * (1 - p.FrontBrakeFraction), peakR, out double pr, out double qr);
        double fxf = pf - qf * Math.Sign(frontLong);
        double fxr = pr - qr * Math.Sign(vx);

        // Friction circle: the lateral force gets what the longitudinal force leaves of μ·Fz.
        double fyf = LimitLateral(TireModel.LateralForce(alphaF, p.CorneringStiffnessFront, p.PacejkaCFront, p.PacejkaEFront, peakF), fxf, peakF);
        double fyr = LimitLateral(TireModel.LateralForce(alphaR, p.CorneringStiffnessRear, p.PacejkaCRear, p.PacejkaERear, peakR), fxr, peakR);

        double resist = VehicleCommon.Resistance(p, vx) * Math.Sign(vx);
        double fx = fxf * cd - fyf * sd + fxr - resist;
        double fy = fxf * sd + fyf * cd + fyr;
        double mz = lf * (fxf * sd + fyf * cd) - lr * fyr;

        double ax = fx / m + vy * r;
        double ay = fy / m - vx * r;
        double yawAcc = mz / iz;

        vxNew = vx + dt * ax;
        // Non-reversal: nothing on the car drives it backwards, so a step never carries forward motion past zero;
        // a car pushed backwards (collision) is only carried past zero by the engine.
        if ((vx >= 0 && vxNew < 0) || (vx < 0 && vxNew > 0 && u.Throttle == 0))
        {
            vxNew = 0;
        }

        // Linearly implicit step for (vy, r): (I − dt·J)·Δ = dt·f with J from the secant tire stiffness F/α.
        double kf = SecantStiffness(fyf, alphaF, p.CorneringStiffnessFront) * cd * cd / uf;
        double kr = SecantStiffness(fyr, alphaR, p.CorneringStiffnessRear) / ur;
        double j11 = -(kf + kr) / m;
        double j12 = (-lf * kf + lr * kr) / m - vx;
        double j21 = (-lf * kf + lr * kr) / iz;
        double j22 = -(lf * lf * kf + lr * lr * kr) / iz;
        double m11 = 1 - dt * j11, m12 = -dt * j12, m21 = -dt * j21, m22 = 1 - dt * j22;
        double det = m11 * m22 - m12 * m21;
        double b1 = dt * ay, b2 = dt * yawAcc;
        if (det > 1e-6)
        {
            vyNew = vy + (m22 * b1 - m12 * b2) / det;
            rNew = r + (m11 * b2 - m21 * b1) / det;
        }
        else
        {
            // Only reachable far beyond the stability limit of an oversteering car: fall back to the explicit step.
            vyNew = vy + b1;
            rNew = r + b2;
        }
    }

    private static double LimitLateral(double fy, double fx, double peak)
    {
        double room = Math.Sqrt(Math.Max(peak * peak - fx * fx, 0));
        return Math.Clamp(fy, -room, room);
    }

    private static double SecantStiffness(double force, double slip, double corneringStiffness) =>
        Math.Abs(slip) > 1e-6 ? force / slip : corneringStiffness;
}
