using Simulator.Core;

namespace Simulator.Physics;

public readonly partial record struct VehicleParams
{
    /// <summary>
    /// Throws <see cref="SimInputException"/> naming the first bad field (as <c>{pathPrefix}.{camelName}</c>) when any
    /// parameter is not finite or outside its range. <paramref name="file"/> and <paramref name="pathPrefix"/> say
    /// where the parameters came from (e.g. a scene file and <c>$.vehicles[0].params</c>).
    /// </summary>
    public void Validate(string? file = null, string pathPrefix = "$.vehicle")
    {
        Positive(Mass, "mass", "kg, e.g. 1300 for a compact car", file, pathPrefix);
        Positive(YawInertia, "yawInertia", "kg·m², roughly mass · lf · lr", file, pathPrefix);
        Positive(Lf, "lf", "metres from the centre of gravity to the front axle", file, pathPrefix);
        Positive(Lr, "lr", "metres from the centre of gravity to the rear axle", file, pathPrefix);
        Positive(TrackWidth, "trackWidth", "metres between left and right wheels", file, pathPrefix);
        Positive(BodyLength, "bodyLength", "metres, bumper to bumper", file, pathPrefix);
        Positive(BodyWidth, "bodyWidth", "metres", file, pathPrefix);
        Positive(CorneringStiffnessFront, "corneringStiffnessFront", "N/rad per axle, e.g. 80000", file, pathPrefix);
        Positive(CorneringStiffnessRear, "corneringStiffnessRear", "N/rad per axle, e.g. 90000", file, pathPrefix);
        InRange(PacejkaCFront, 0, 2, "pacejkaCFront", "shape factor C must be in (0, 2), typically 1.3", file, pathPrefix, lowOpen: true, highOpen: true);
        InRange(PacejkaCRear, 0, 2, "pacejkaCRear", "shape factor C must be in (0, 2), typically 1.3", file, pathPrefix, lowOpen: true, highOpen: true);
        InRange(PacejkaEFront, -10, 1, "pacejkaEFront", "curvature factor E must be in [-10, 1]", file, pathPrefix);
        InRange(PacejkaERear, -10, 1, "pacejkaERear", "curvature factor E must be in [-10, 1]", file, pathPrefix);
        InRange(MaxSteerAngle, 0, 1.2, "maxSteerAngle", "radians in (0, 1.2], e.g. 0.6", file, pathPrefix, lowOpen: true);
        Positive(MaxSteerRate, "maxSteerRate", "rad/s, e.g. 1.2", file, pathPrefix);
        Positive(MaxDriveForce, "maxDriveForce", "newtons, e.g. 6000", file, pathPrefix);
        Positive(MaxDrivePower, "maxDrivePower", "watts at the wheels, e.g. 80000", file, pathPrefix);
        Positive(MaxBrakeForce, "maxBrakeForce", "newtons, e.g. 16000", file, pathPrefix);
        InRange(FrontDriveFraction, 0, 1, "frontDriveFraction", "0 rear-wheel drive … 1 front-wheel drive", file, pathPrefix);
        InRange(FrontBrakeFraction, 0, 1, "frontBrakeFraction", "share of brake force on the front axle, 0 … 1", file, pathPrefix);
        Positive(DragCoefficient, "dragCoefficient", "0.5·ρ·Cd·A in kg/m, e.g. 0.4", file, pathPrefix);
        Positive(RollingResistance, "rollingResistance", "dimensionless, e.g. 0.012", file, pathPrefix);
        if (BodyLength < Wheelbase)
        {
            throw new SimInputException(
                $"bodyLength {BodyLength} m is shorter than the wheelbase lf + lr = {Wheelbase} m", file, pathPrefix + ".bodyLength",
                hint: "the body must cover both axles");
        }
    }

    private static void Positive(double value, string name, string hint, string? file, string prefix)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new SimInputException($"{name} must be a positive finite number, got {value}", file, prefix + "." + name, hint: hint);
        }
    }

    private static void InRange(double value, double low, double high, string name, string hint, string? file, string prefix,
        bool lowOpen = false, bool highOpen = false)
    {
        bool ok = double.IsFinite(value)
            && (lowOpen ? value > low : value >= low)
            && (highOpen ? value < high : value <= high);
        if (!ok)
        {
            string range = (lowOpen ? "(" : "[") + low + ", " + high + (highOpen ? ")" : "]");
            throw new SimInputException($"{name} must be a finite number in {range}, got {value}", file, prefix + "." + name, hint: hint);
        }
    }
}
