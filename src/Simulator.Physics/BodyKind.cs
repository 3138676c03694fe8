namespace Simulator.Physics;

/// <summary>What a collision body is, so the env can rate a contact (a cone is not a pedestrian).</summary>
public enum BodyKind : byte
{
    Vehicle = 0,
    Pedestrian = 1,
    Cone = 2,
    Barrier = 3,
    ParkedCar = 4,
    Sign = 5,
    Static = 6,
}
