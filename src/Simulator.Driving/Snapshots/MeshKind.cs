namespace Simulator.Driving.Snapshots;

/// <summary>The shape an actor is drawn with (a renderer maps it to its own mesh; this is not a mesh id).</summary>
public enum MeshKind : byte
{
    Car,
    Cone,
    BarrierBlock,
    Sign,
    Pedestrian,
}
