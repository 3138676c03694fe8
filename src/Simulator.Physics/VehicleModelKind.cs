namespace Simulator.Physics;

/// <summary>Which vehicle model integrates a vehicle.</summary>
public enum VehicleModelKind
{
    /// <summary><see cref="DynamicBicycleModel"/>: tire slip, friction limits, understeer; kinematic below walking speed.</summary>
    Dynamic = 0,
    /// <summary><see cref="KinematicBicycleModel"/>: no slip; cheaper, for distant traffic or simple tasks.</summary>
    Kinematic = 1,
}

/// <summary>Steps a vehicle with the model a <see cref="VehicleModelKind"/> names.</summary>
public static class VehicleModel
{
    /// <summary>Dispatches to <see cref="DynamicBicycleModel.Step"/> or <see cref="KinematicBicycleModel.Step"/>.</summary>
    public static ControlIssues Step(VehicleModelKind kind, ref VehicleState s, in VehicleParams p, in VehicleControl c,
        double friction, double dt) => kind switch
        {
            VehicleModelKind.Dynamic => DynamicBicycleModel.Step(ref s, p, c, friction, dt),
            VehicleModelKind.Kinematic => KinematicBicycleModel.Step(ref s, p, c, friction, dt),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown vehicle model kind"),
        };
}
