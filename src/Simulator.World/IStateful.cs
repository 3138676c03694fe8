namespace Simulator.World;

/// <summary>
/// A component whose mutable values can be saved into a checkpoint and restored onto a freshly spawned copy of the
/// same entity (the env rebuilds the episode's entities, then overwrites their values). Write every value that the
/// next steps depend on, exactly (doubles as bits), and read them back in the same order.
/// </summary>
public interface IStateful
{
    void SaveState(StateWriter writer);

    void LoadState(ref StateReader reader);
}
