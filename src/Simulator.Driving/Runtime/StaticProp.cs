using Simulator.World;

namespace Simulator.Driving.Runtime;

/// <summary>A prop that never moves: cone, barrier block, parked car, sign, standing pedestrian.</summary>
public sealed class StaticProp : Component
{
    public PropPlacement Placement;
    public ActorKind Kind;
}
