namespace Simulator.Driving.Runtime;

/// <summary>What an occupant of the road is; also the semantic kind used by sensors and contact events.</summary>
public enum ActorKind : byte
{
    Ego,
    Traffic,
    ParkedCar,
    Pedestrian,
    Cone,
    Barrier,
    Sign,
}
