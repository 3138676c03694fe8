using Simulator.World;

namespace Simulator.Driving.Runtime;

/// <summary>A prop that never moves: cone, barrier block, parked car, sign, standing pedestrian.</summary>
public sealed class StaticProp : Component, IStateful
{
    public PropPlacement Placement;
    public ActorKind Kind;

    // Placement and kind come from the compiled scene at spawn and nothing in the step loop changes them.
    public void SaveState(StateWriter writer)
    {
    }

    public void LoadState(ref StateReader reader)
    {
    }
}
