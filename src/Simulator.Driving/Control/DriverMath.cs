using Simulator.Core;
using Simulator.Physics;
using Simulator.Tracks;

namespace Simulator.Driving.Control;

/// <summary>Shared pieces of the rule-based drivers (traffic and autopilot): steering and speed tracking.</summary>
public static class DriverMath
{
    /// <summary>Steer angle (rad) added per metre of lateral error.</summary>
    public const double LateralGain = 0.0;

    /// <summary>Pure-pursuit look-ahead distance for a speed: grows with speed, bounded.</summary>
    public static double LookAhead(double speed) => Math.Clamp(3.0 + 0.55 * speed, 4.0, 22.0);

    /// <summary>
    /// Pure pursuit towards the point at arc length s + look-ahead and lateral <paramref name="targetLateral"/>, plus
    /// understeer and lateral-error correction:
    /// returns the steer command in [-1, 1] (fraction of the maximum steer angle).
    /// </summary>
    public static double PurePursuit(Track track, in VehicleState state, in VehicleParams p, double s, double lookAhead, double targetLateral,
        double currentLateral)
    {
        // Aim from the rear axle, where pure pursuit's geometry is exact for the kinematic bicycle.
        var pose = state.Pose;
        var rear = pose.Position - pose.Forward * p.Lr;
        var target = track.ToWorld(s + lookAhead, targetLateral);
        // Aim along the rear axle's course (heading plus its sideslip), not the body axis: at speed the dynamic car slides a little
        // and a body-frame aim drifts it to the outside of every curve.
        double course = state.Vx > 1 ? pose.Heading + Math.Atan2(state.Vy - p.Lr * state.YawRate, state.Vx) : pose.Heading;
        var local = new Pose2(rear, course).ToLocal(target);
        double ld2 = Math.Max(local.LengthSquared, 1e-6);
        double curvature = 2 * local.Y / ld2;
        // Kinematic steer plus the steady-state understeer term K·v²·κ, so the car holds the arc it aims for.
        double delta = Math.Atan(p.Wheelbase * curvature) + p.UndersteerGradient * state.Vx * state.Vx * curvature;
        // Near the grip limit the tyres understeer more than the linear gradient says; a proportional term on the
        // lateral error pulls the car back onto its line.
        delta += LateralGain * (targetLateral - currentLateral);
        return Math.Clamp(delta / p.MaxSteerAngle, -1, 1);
    }

    /// <summary>Highest comfortable speed for a path curvature given friction and a lateral acceleration budget.</summary>
    public static double CurveSpeed(double curvature, double friction, double lateralBudget = 0.45)
    {
        double k = Math.Abs(curvature);
        double aLat = lateralBudget * friction * VehicleParams.Gravity;
        return k < 1e-5 ? double.MaxValue : Math.Sqrt(aLat / k);
    }

    /// <summary>
    /// Speed limit from the curvature ahead: at each preview distance d, the speed from which the car can still brake
    /// (deceleration <paramref name="decel"/>) down to that curve's speed.
    /// </summary>
    public static double PlannedSpeed(Track track, double s, double lateral, double horizon, double friction, double maxSpeed, double decel)
    {
        double limit = maxSpeed;
        for (double d = 0; d <= horizon; d += 2.5)
        {
            double k = track.Sample(s + d).Curvature;
            // Curvature of the path offset laterally from the centerline: κ / (1 − κ·l).
            double denom = 1 - k * lateral;
            double kPath = denom > 0.2 ? k / denom : k / 0.2;
            double v = CurveSpeed(kPath, friction);
            limit = Math.Min(limit, Math.Sqrt(v * v + 2 * decel * d));
        }
        return limit;
    }

    /// <summary>Turns a wanted acceleration into throttle and brake for the vehicle (feed-forward on resistance).</summary>
    public static void AccelToPedals(in VehicleParams p, in VehicleState s, double accel, out double throttle, out double brake)
    {
        double resist = TireModelHelpers.ResistanceAccel(p, s.Vx);
        if (accel + resist > 0)
        {
            double driveAccel = Math.Min(p.MaxDriveForce, p.MaxDrivePower / Math.Max(s.Vx, 1.0)) / p.Mass;
            throttle = Math.Clamp((accel + resist) / driveAccel, 0, 1);
            brake = 0;
        }
        else
        {
            throttle = 0;
            brake = Math.Clamp(-(accel + resist) / (p.MaxBrakeForce / p.Mass), 0, 1);
        }
    }

    /// <summary>Speed tracking: a proportional acceleration towards the target, bounded by comfort limits.</summary>
    public static double TrackSpeed(double speed, double target, double maxAccel = 3.0, double maxDecel = 8.0) =>
        Math.Clamp(3.0 * (target - speed), -maxDecel, maxAccel);
}

internal static class TireModelHelpers
{
    /// <summary>Drag and rolling resistance as a deceleration at forward speed vx.</summary>
    public static double ResistanceAccel(in VehicleParams p, double vx) =>
        (p.DragCoefficient * vx * vx + p.RollingResistance * p.Mass * VehicleParams.Gravity * (vx > 0.1 ? 1 : 0)) / p.Mass;
}
