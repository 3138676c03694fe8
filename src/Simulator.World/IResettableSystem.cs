namespace Simulator.World;

/// <summary>
/// Optional for a system that keeps per-episode state: <see cref="World.Reset"/> calls it after all entities are
/// destroyed, so a reused world starts exactly like a fresh one.
/// </summary>
public interface IResettableSystem
{
    void OnWorldReset(World world);
}
