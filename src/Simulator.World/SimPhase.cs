namespace Simulator.World;

/// <summary>
/// The phases of one fixed step, run in this order. Behaviours' FixedUpdate runs inside <see cref="Decide"/>
/// (see <see cref="World.BehaviourOrder"/>); Update runs once after <see cref="PostStep"/>.
/// </summary>
public enum SimPhase
{
    /// <summary>Read the world: sensors, observations.</summary>
    Sense = 0,
    /// <summary>Choose what to do: policies, autopilots, behaviours' FixedUpdate.</summary>
    Decide = 1,
    /// <summary>Apply decisions: actuators, controls.</summary>
    Act = 2,
    /// <summary>Advance the physical state by one fixed step.</summary>
    Physics = 3,
    /// <summary>Look at the result: rewards, events, recording.</summary>
    PostStep = 4,
}
