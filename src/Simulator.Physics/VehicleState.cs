using Simulator.Core;

namespace Simulator.Physics;

/// <summary>
/// Dynamic state of one vehicle. Position is the centre of gravity in the world (x east, y north); velocities are in
/// the body frame (Vx forward, Vy left); yaw counter-clockwise from +x, kept in (−π, π].
/// Public fields so the env can keep arrays of states and step them by <c>ref</c>.
/// </summary>
public struct VehicleState
{
    public double X;
    public double Y;
    public double Yaw;
    /// <summary>Forward speed in the body frame, m/s.</summary>
    public double Vx;
    /// <summary>Lateral (leftward) speed in the body frame, m/s.</summary>
    public double Vy;
    /// <summary>Yaw rate, rad/s, counter-clockwise positive.</summary>
    public double YawRate;
    /// <summary>Actual road-wheel steer angle (after rate limiting), rad, positive to the left.</summary>
    public double SteerAngle;

    public VehicleState(double x, double y, double yaw, double vx = 0)
    {
        X = x;
        Y = y;
        Yaw = MathUtil.WrapAngle(yaw);
        Vx = vx;
    }

    /// <summary>Magnitude of the velocity of the centre of gravity, m/s.</summary>
    public readonly double Speed => Math.Sqrt(Vx * Vx + Vy * Vy);

    /// <summary>Body slip angle β = atan2(Vy, Vx), rad (0 when standing).</summary>
    public readonly double SlipAngle => Vx == 0 && Vy == 0 ? 0 : Math.Atan2(Vy, Vx);

    public readonly Vec2 Position => new(X, Y);

    public readonly Pose2 Pose => new(new Vec2(X, Y), Yaw);

    /// <summary>Velocity of the centre of gravity in the world frame, m/s.</summary>
    public readonly Vec2 WorldVelocity
    {
        get
        {
            double c = Math.Cos(Yaw), s = Math.Sin(Yaw);
            return new Vec2(c * Vx - s * Vy, s * Vx + c * Vy);
        }
    }

    /// <summary>Sets the body-frame velocity from a world-frame velocity (used by the collision response).</summary>
    public void SetWorldVelocity(Vec2 v)
    {
        double c = Math.Cos(Yaw), s = Math.Sin(Yaw);
        Vx = c * v.X + s * v.Y;
        Vy = -s * v.X + c * v.Y;
    }

    public readonly bool IsFinite =>
        double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Yaw) && double.IsFinite(Vx) && double.IsFinite(Vy)
        && double.IsFinite(YawRate) && double.IsFinite(SteerAngle);

    /// <summary>Adds the exact bits of every field, in declaration order, for determinism checks.</summary>
    public readonly void AddTo(ref StateHasher hasher)
    {
        hasher.Add(X);
        hasher.Add(Y);
        hasher.Add(Yaw);
        hasher.Add(Vx);
        hasher.Add(Vy);
        hasher.Add(YawRate);
        hasher.Add(SteerAngle);
    }

    public override readonly string ToString() =>
        FormattableString.Invariant($"pos=({X:0.###}, {Y:0.###}) yaw={Yaw:0.####} v=({Vx:0.###}, {Vy:0.###}) r={YawRate:0.####} δ={SteerAngle:0.####}");
}
