using Simulator.Core;

namespace Simulator.Physics;

/// <summary>
/// Physical parameters of one vehicle, defaults for a compact front-wheel-drive car (~1300 kg, 2.6 m wheelbase).
/// Forces are per axle (both tires of an axle lumped), angles in radians, SI units throughout.
/// A struct so the step can take it by <c>in</c> without indirection; call <see cref="Validate"/> once when the
/// parameters are loaded: <c>Step</c> trusts them.
/// </summary>
public readonly partial record struct VehicleParams
{
    public const double Gravity = 9.81;

    public VehicleParams() { }

    /// <summary>Parameters of the default compact car.</summary>
    public static VehicleParams CompactCar => new();

    /// <summary>Total mass in kg.</summary>
    public double Mass { get; init; } = 1300;
    /// <summary>Yaw moment of inertia about the centre of gravity, kg·m².</summary>
    public double YawInertia { get; init; } = 2000;
    /// <summary>Distance from the centre of gravity to the front axle, m.</summary>
    public double Lf { get; init; } = 1.1;
    /// <summary>Distance from the centre of gravity to the rear axle, m.</summary>
    public double Lr { get; init; } = 1.5;
    /// <summary>Track width (distance between left and right wheels), m. Used by renderers and sensors.</summary>
    public double TrackWidth { get; init; } = 1.5;
    /// <summary>Body length (bumper to bumper), m; the collision box is centred on the centre of gravity.</summary>
    public double BodyLength { get; init; } = 4.2;
    /// <summary>Body width, m.</summary>
    public double BodyWidth { get; init; } = 1.8;
    /// <summary>Front axle cornering stiffness (both tires), N/rad: slope of lateral force over slip at zero slip.</summary>
    public double CorneringStiffnessFront { get; init; } = 80_000;
    /// <summary>Rear axle cornering stiffness (both tires), N/rad. Front/rear balance sets the understeer gradient.</summary>
    public double CorneringStiffnessRear { get; init; } = 90_000;
    /// <summary>Pacejka shape factor C of the front axle, in (0, 2): 1.3 keeps ~89 % of the peak when sliding.</summary>
    public double PacejkaCFront { get; init; } = 1.3;
    /// <summary>Pacejka shape factor C of the rear axle, in (0, 2).</summary>
    public double PacejkaCRear { get; init; } = 1.3;
    /// <summary>Pacejka curvature factor E of the front axle, ≤ 1 (negative: rounder peak).</summary>
    public double PacejkaEFront { get; init; } = -0.5;
    /// <summary>Pacejka curvature factor E of the rear axle, ≤ 1.</summary>
    public double PacejkaERear { get; init; } = -0.5;
    /// <summary>Largest road-wheel steer angle, rad (0.6 ≈ 34°).</summary>
    public double MaxSteerAngle { get; init; } = 0.6;
    /// <summary>Largest steer angle rate, rad/s: the actual steer angle follows the command at most this fast.</summary>
    public double MaxSteerRate { get; init; } = 1.2;
    /// <summary>Largest total drive force at the wheels (traction limit of the drivetrain), N.</summary>
    public double MaxDriveForce { get; init; } = 6000;
    /// <summary>Largest drive power at the wheels, W: drive force is capped to Power / speed.</summary>
    public double MaxDrivePower { get; init; } = 80_000;
    /// <summary>Largest total brake force, N (more than μ·m·g on dry road so the tires, not the brakes, limit).</summary>
    public double MaxBrakeForce { get; init; } = 16_000;
    /// <summary>Fraction of the drive force on the front axle: 1 front-wheel drive, 0 rear-wheel drive.</summary>
    public double FrontDriveFraction { get; init; } = 1.0;
    /// <summary>Fraction of the brake force on the front axle.</summary>
    public double FrontBrakeFraction { get; init; } = 0.6;
    /// <summary>Aerodynamic drag coefficient 0.5·ρ·Cd·A, kg/m: drag force = value · v².</summary>
    public double DragCoefficient { get; init; } = 0.40;
    /// <summary>Rolling resistance coefficient: force = value · m · g, opposing motion.</summary>
    public double RollingResistance { get; init; } = 0.012;

    /// <summary>Wheelbase L = lf + lr, m.</summary>
    public double Wheelbase => Lf + Lr;

    /// <summary>Static normal load on the front axle, N.</summary>
    public double FrontAxleLoad => Mass * Gravity * Lr / (Lf + Lr);

    /// <summary>Static normal load on the rear axle, N.</summary>
    public double RearAxleLoad => Mass * Gravity * Lf / (Lf + Lr);

    /// <summary>
    /// Understeer gradient K = (m/L)(lr/Cf − lf/Cr) in rad·s²/m: δ = L/R + K·a_y in steady cornering.
    /// Positive: understeer (yaw-rate gain below neutral steer), negative: oversteer.
    /// </summary>
    public double UndersteerGradient =>
        Mass / Wheelbase * (Lr / CorneringStiffnessFront - Lf / CorneringStiffnessRear);

    /// <summary>Linear steady-state yaw-rate gain r/δ = V / (L + K·V²) at forward speed V (textbook bicycle model).</summary>
    public double SteadyStateYawRateGain(double speed) => speed / (Wheelbase + UndersteerGradient * speed * speed);
}
