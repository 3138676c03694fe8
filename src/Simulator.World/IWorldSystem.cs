namespace Simulator.World;

/// <summary>
/// A piece of per-step logic that works across many entities (physics, sensors, rewards). Registered on a
/// <see cref="World"/>; runs in its <see cref="Phase"/>, ordered by (<see cref="Order"/>, registration order).
/// Phase and Order are read once, at registration.
/// </summary>
public interface IWorldSystem
{
    SimPhase Phase { get; }

    /// <summary>Lower runs first within the phase; ties keep registration order.</summary>
    int Order { get; }

    void Execute(World world, in StepInfo step);
}
